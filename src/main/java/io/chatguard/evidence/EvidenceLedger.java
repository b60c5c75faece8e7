package io.chatguard.evidence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.chatguard.platform.db.Jdbc;
import io.chatguard.platform.db.UnnestInsert;
import io.chatguard.platform.storage.EvidenceStore;

/**
 * The append side of the evidence ledger: tails each {@link LedgerSource} behind its cursor and chains an
 * entry onto the ledger for every record, one transaction per batch under an advisory lock (so two
 * instances never fork the chain). The chain head is anchored to object storage now and then, so a
 * ledger rewritten from scratch in PostgreSQL no longer matches what was anchored.
 */
@ApplicationScoped
public class EvidenceLedger {
    private static final Logger LOG = Logger.getLogger(EvidenceLedger.class);
    /** pg_advisory_xact_lock key of the ledger's writer ('ledger' in ASCII). */
    private static final long WRITER_LOCK = 0x6c6564676572L;
    static final String ANCHORS = "ledger/anchors/";
    /** Copies of the rows the ledger covers (alert events, audit events, pre-send decisions), one object per batch. */
    static final String RECORDS = "ledger/records/";
    private static final UnnestInsert<LedgerEntry> INSERT = UnnestInsert.<LedgerEntry>into("evidence_ledger")
            .bigint("seq", LedgerEntry::seq).text("source", LedgerEntry::source).text("ref", LedgerEntry::ref)
            .text("content_sha256", LedgerEntry::contentSha256).text("prev_hash", LedgerEntry::prevHash)
            .timestamptz("recorded_at", LedgerEntry::recordedAt).text("entry_hash", LedgerEntry::entryHash);

    private final Jdbc jdbc;
    private final EvidenceStore store;
    private final EvidenceConfig config;
    private final Clock clock;

    EvidenceLedger(Jdbc jdbc, EvidenceStore store, EvidenceConfig config, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    /** The last entry's position and hash; seq 0 and {@link LedgerEntry#GENESIS} for an empty ledger. */
    public record Head(long seq, String entryHash) {
    }

    /** Appends an entry for every source record older than the settle time that has none; returns how many. */
    public long append() {
        long appended = 0;
        while (true) {
            int[] batch = jdbc.inNewTransaction(this::appendBatch);
            appended += batch[0];
            if (batch[1] == 0) {
                return appended;
            }
        }
    }

    /** One transaction: up to a batch from each source. Returns {entries appended, records walked}. */
    private int[] appendBatch(Connection c) throws SQLException {
        try (var ps = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            ps.setLong(1, WRITER_LOCK);
            ps.execute();
        }
        Head head = head(c);
        Instant settled = clock.instant().minus(config.ledgerSettle());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long seq = head.seq();
        String prev = head.entryHash();
        var entries = new ArrayList<LedgerEntry>();
        int walked = 0;
        for (LedgerSource source : LedgerSource.values()) {
            OffsetDateTime lastTime;
            long lastId;
            try (var ps = c.prepareStatement("select last_time, last_id from ledger_cursor where source = ?")) {
                ps.setString(1, source.sourceName());
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no ledger cursor for " + source.sourceName());
                    }
                    lastTime = rs.getObject(1, OffsetDateTime.class);
                    lastId = rs.getLong(2);
                }
            }
            List<SourceRecord> records = source.after(c, lastTime, lastId, settled, config.ledgerBatchSize());
            if (records.isEmpty()) {
                continue;
            }
            var copies = new StringBuilder();
            long first = seq + 1;
            for (SourceRecord r : records) {
                if (r.ref() != null) {
                    LedgerEntry e = LedgerEntry.after(prev, ++seq, source.sourceName(), r.ref(), r.contentSha256(), now);
                    entries.add(e);
                    prev = e.entryHash();
                    if (r.content() != null) {
                        copies.append("{\"seq\":").append(e.seq()).append(",\"ref\":\"").append(e.ref())
                                .append("\",\"content\":").append(r.content()).append("}\n");
                    }
                }
            }
            if (!copies.isEmpty()) {
                // Rows get an evidence object too, outside the database: one JSON Lines object per batch.
                store.put(RECORDS + source.sourceName() + "/" + String.format("%020d-%020d", first, seq) + ".jsonl",
                        copies.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
            }
            SourceRecord last = records.get(records.size() - 1);
            try (var ps = c.prepareStatement("update ledger_cursor set last_time = ?, last_id = ? where source = ?")) {
                ps.setObject(1, last.time());
                ps.setLong(2, last.id());
                ps.setString(3, source.sourceName());
                ps.executeUpdate();
            }
            walked += records.size();
        }
        if (!entries.isEmpty()) {
            try (var ps = INSERT.prepare(c, entries, null)) {
                ps.executeUpdate();
            }
        }
        return new int[] {entries.size(), walked};
    }

    public Head head() {
        return jdbc.inTransaction(EvidenceLedger::head);
    }

    private static Head head(Connection c) throws SQLException {
        try (var st = c.createStatement();
                var rs = st.executeQuery("select seq, entry_hash from evidence_ledger order by seq desc limit 1")) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : new Head(0, LedgerEntry.GENESIS);
        }
    }

    /** Up to {@code limit} entries after {@code afterSeq}, in order. */
    public List<LedgerEntry> entries(long afterSeq, int limit) {
        return read("select seq, source, ref, content_sha256, prev_hash, recorded_at, entry_hash from evidence_ledger"
                + " where seq > ? order by seq limit ?", ps -> {
                    ps.setLong(1, afterSeq);
                    ps.setInt(2, limit);
                });
    }

    /** The entries for {@code refs} that exist, in ledger order. */
    public List<LedgerEntry> entriesFor(List<String> refs) {
        return read("select seq, source, ref, content_sha256, prev_hash, recorded_at, entry_hash from evidence_ledger"
                + " where ref = any(?) order by seq", ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", refs.toArray())));
    }

    /** The entry at {@code seq}, if any. */
    public Optional<LedgerEntry> entry(long seq) {
        return read("select seq, source, ref, content_sha256, prev_hash, recorded_at, entry_hash from evidence_ledger"
                + " where seq = ?", ps -> ps.setLong(1, seq)).stream().findFirst();
    }

    @FunctionalInterface
    private interface Binder {
        void bind(java.sql.PreparedStatement ps) throws SQLException;
    }

    private List<LedgerEntry> read(String sql, Binder binder) {
        return jdbc.inTransaction(c -> {
            try (var ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                var out = new ArrayList<LedgerEntry>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LedgerEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Writes the chain head to object storage as {@code ledger/anchors/<seq>.json} unless it is anchored
     * already; returns the anchor's key, or empty for an empty ledger.
     */
    public Optional<String> anchor() {
        Head head = head();
        if (head.seq() == 0) {
            return Optional.empty();
        }
        String key = ANCHORS + String.format("%020d", head.seq()) + ".json";
        if (store.stat(key).isEmpty()) {
            String json = "{\"seq\":" + head.seq() + ",\"entryHash\":\"" + head.entryHash() + "\",\"anchoredAt\":\""
                    + clock.instant().truncatedTo(ChronoUnit.MILLIS) + "\"}";
            store.put(key, json.getBytes(StandardCharsets.UTF_8), "application/json");
            LOG.infof("anchored the evidence ledger at seq %d", head.seq());
        }
        return Optional.of(key);
    }
}
