package io.chatguard.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.platform.db.Jdbc;
import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.platform.storage.Sha256;
import io.chatguard.security.AccessAudit;
import io.quarkus.runtime.StartupEvent;

/**
 * Recomputes the evidence ledger and checks it against what it covers: every entry's hash and its link
 * to the previous one, every record's content hash as the row stands now, a share of the evidence
 * objects re-read from the store and hashed, and every anchor in the store. Each break names the entry,
 * the record or object, and what was expected and found. A run keeps its position (and the hash it
 * reached) with each batch, so a run interrupted by a restart resumes there.
 */
@ApplicationScoped
public class LedgerVerifier {
    private static final Logger LOG = Logger.getLogger(LedgerVerifier.class);
    private static final int BATCH = 1000;
    private static final int MAX_BREAKS = 1000;

    private final EvidenceLedger ledger;
    private final EvidenceStore store;
    private final Jdbc jdbc;
    private final EvidenceConfig config;
    private final AccessAudit audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("ledger-verify").daemon().factory());

    LedgerVerifier(EvidenceLedger ledger, EvidenceStore store, Jdbc jdbc, EvidenceConfig config,
            AccessAudit audit, ObjectMapper json, Clock clock) {
        this.ledger = ledger;
        this.store = store;
        this.jdbc = jdbc;
        this.config = config;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    void resumeOnStart(@Observes StartupEvent start) {
        for (VerificationView v : recent(100)) {
            if ("running".equals(v.status())) {
                LOG.infof("resuming ledger verification %d at entry %d", v.id(), v.entriesChecked());
                worker.submit(() -> runSafely(v.id()));
            }
        }
    }

    /**
     * Starts a verification in the background from entry {@code fromSeq} (null: the first; a later one checks
     * what was appended since a run that passed, linked to the entry before it), re-hashing
     * {@code objectPercent} % of the objects (null: the configured share).
     */
    public VerificationView start(Long fromSeq, Integer objectPercent, String by) {
        int percent = objectPercent == null ? config.verifyObjectPercent() : objectPercent;
        if (percent < 0 || percent > 100) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "objectPercent: must be between 0 and 100");
        }
        long from = fromSeq == null ? 1 : fromSeq;
        long total = ledger.head().seq();
        if (from < 1 || from > Math.max(1, total)) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "fromSeq: must be between 1 and the head, " + total);
        }
        String startHash = from == 1 ? LedgerEntry.GENESIS : ledger.entry(from - 1).map(LedgerEntry::entryHash)
                .orElseThrow(() -> new ChatGuardException(ProblemType.CONFLICT, "ledger entry " + (from - 1) + " is missing"));
        long id = jdbc.inNewTransaction(c -> {
            try (var ps = c.prepareStatement("insert into ledger_verification (requested_by, started_at, status, object_percent,"
                    + " total_entries, last_seq, last_hash) values (?, ?, 'running', ?, ?, ?, ?) returning id")) {
                ps.setString(1, by);
                ps.setObject(2, OffsetDateTime.now(clock));
                ps.setInt(3, percent);
                ps.setLong(4, total - from + 1);
                ps.setLong(5, from - 1);
                ps.setString(6, startHash);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        audit.record(by, "evidence.verify", "ledger", String.valueOf(id), Map.of("objectPercent", percent, "fromSeq", from,
                "entries", total - from + 1));
        worker.submit(() -> runSafely(id));
        return get(id);
    }

    private void runSafely(long id) {
        try {
            run(id);
        } catch (RuntimeException e) {
            LOG.errorf(e, "ledger verification %d could not finish", id);
            jdbc.inNewTransaction(c -> {
                try (var ps = c.prepareStatement("update ledger_verification set status = 'error', error = ?, finished_at = ?"
                        + " where id = ?")) {
                    ps.setString(1, String.valueOf(e.getMessage()));
                    ps.setObject(2, OffsetDateTime.now(clock));
                    ps.setLong(3, id);
                    return ps.executeUpdate();
                }
            });
        }
    }

    /** Runs verification {@code id} from where it stands to the end. */
    void run(long id) {
        while (true) {
            Position at = position(id);
            long lastSeq = at.lastSeq();
            String lastHash = at.lastHash();
            List<LedgerEntry> entries = ledger.entries(lastSeq, BATCH);
            var breaks = new ArrayList<VerificationView.Break>();
            if (entries.isEmpty()) {
                breaks.addAll(checkAnchors());
                record(id, lastSeq, lastHash, 0, 0, breaks);
                finish(id);
                return;
            }
            long expectedSeq = lastSeq + 1;
            String prev = lastHash;
            for (LedgerEntry e : entries) {
                if (e.seq() != expectedSeq) {
                    breaks.add(new VerificationView.Break(e.seq(), e.ref(), "ledger entries are missing before this one",
                            "seq " + expectedSeq, "seq " + e.seq()));
                }
                if (!e.prevHash().equals(prev)) {
                    breaks.add(new VerificationView.Break(e.seq(), e.ref(), "the link to the previous entry is broken", prev,
                            e.prevHash()));
                }
                if (!e.intact()) {
                    breaks.add(new VerificationView.Break(e.seq(), e.ref(), "the entry's hash does not match what it says",
                            e.entryHash(), LedgerEntry.hash(e.prevHash(), e.seq(), e.source(), e.ref(), e.contentSha256(),
                                    e.recordedAt())));
                }
                // Carry on from the hash as recorded, so one altered entry is reported once, not for every later one.
                prev = e.entryHash();
                expectedSeq = e.seq() + 1;
            }
            breaks.addAll(checkRecords(entries));
            int[] rehashed = new int[1];
            breaks.addAll(checkObjects(entries, at.objectPercent(), rehashed));
            LedgerEntry last = entries.get(entries.size() - 1);
            record(id, last.seq(), last.entryHash(), entries.size(), rehashed[0], breaks);
        }
    }

    /** Each entry's record as it stands now against the content hash the ledger holds for it. */
    private List<VerificationView.Break> checkRecords(List<LedgerEntry> entries) {
        var out = new ArrayList<VerificationView.Break>();
        var bySource = new java.util.LinkedHashMap<LedgerSource, List<LedgerEntry>>();
        for (LedgerEntry e : entries) {
            bySource.computeIfAbsent(LedgerSource.of(e.source()), k -> new ArrayList<>()).add(e);
        }
        bySource.forEach((source, list) -> {
            Map<String, String> now = jdbc.inNewTransaction(c -> source.current(c, list.stream().map(e -> LedgerSource.idOf(e.ref()))
                    .distinct().toList()));
            for (LedgerEntry e : list) {
                String current = now.get(e.ref());
                if (current == null) {
                    out.add(new VerificationView.Break(e.seq(), e.ref(), "the record is missing from " + source.sourceName(),
                            e.contentSha256(), null));
                } else if (!current.equals(e.contentSha256())) {
                    out.add(new VerificationView.Break(e.seq(), e.ref(), "the record changed after it was recorded",
                            e.contentSha256(), current));
                }
            }
        });
        return out;
    }

    /** Re-reads the sampled evidence objects (message slices, media, report packages) and hashes their bytes. */
    private List<VerificationView.Break> checkObjects(List<LedgerEntry> entries, int percent, int[] rehashed) {
        var out = new ArrayList<VerificationView.Break>();
        var sampled = entries.stream().filter(e -> hasObject(e.source()) && sampled(e.ref(), percent)).toList();
        if (sampled.isEmpty()) {
            return out;
        }
        Map<String, ObjectRange> ranges = jdbc.inNewTransaction(c -> ranges(c, sampled));
        for (LedgerEntry e : sampled) {
            ObjectRange r = ranges.get(e.ref());
            if (r == null) {
                continue; // the record itself is missing: reported by checkRecords
            }
            String where = r.length() < 0 ? r.key() : r.key() + " bytes [" + r.offset() + ", " + (r.offset() + r.length()) + ")";
            String found;
            try (InputStream in = r.length() < 0 ? store.get(r.key()) : store.get(r.key(), r.offset(), r.length())) {
                found = Sha256.hex(in);
            } catch (ChatGuardException ex) {
                if (ex.type() == ProblemType.OBJECT_NOT_FOUND) {
                    out.add(new VerificationView.Break(e.seq(), e.ref(), "the object is missing: " + r.key(), e.contentSha256(),
                            null));
                    continue;
                }
                throw ex;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            rehashed[0]++;
            if (!found.equals(e.contentSha256())) {
                out.add(new VerificationView.Break(e.seq(), e.ref(), "the object's bytes changed: " + where, e.contentSha256(),
                        found));
            }
        }
        return out;
    }

    private static boolean hasObject(String source) {
        return source.equals(LedgerSource.MESSAGE_EVIDENCE.sourceName()) || source.equals(LedgerSource.MEDIA_OBJECT.sourceName())
                || source.equals(LedgerSource.REPORT.sourceName());
    }

    /** A stable sample: the same refs are chosen on every run with the same share. */
    private static boolean sampled(String ref, int percent) {
        return percent >= 100 || Math.floorMod(Sha256.hex(ref).hashCode(), 100) < percent;
    }

    /** Where an entry's bytes are: a whole object (length -1) or a slice. */
    private record ObjectRange(String key, long offset, long length) {
    }

    private static Map<String, ObjectRange> ranges(Connection c, List<LedgerEntry> entries) throws SQLException {
        var out = new java.util.HashMap<String, ObjectRange>();
        var messages = new ArrayList<Long>();
        var media = new ArrayList<Long>();
        var reports = new ArrayList<Long>();
        for (LedgerEntry e : entries) {
            long id = LedgerSource.idOf(e.ref());
            if (e.source().equals(LedgerSource.MESSAGE_EVIDENCE.sourceName())) {
                messages.add(id);
            } else if (e.source().equals(LedgerSource.MEDIA_OBJECT.sourceName())) {
                media.add(id);
            } else {
                reports.add(id);
            }
        }
        query(c, "select message_id, kind, object_key, byte_offset, byte_length from message_evidence where message_id = any(?)",
                messages, rs -> out.put("message_evidence:" + rs.getLong(1) + "/" + rs.getString(2),
                        new ObjectRange(rs.getString(3), rs.getLong(4), rs.getLong(5))));
        query(c, "select id, object_key from media_object where id = any(?) and object_key is not null", media,
                rs -> out.put("media_object:" + rs.getLong(1), new ObjectRange(rs.getString(2), 0, -1)));
        query(c, "select id, package_key from report where id = any(?) and package_key is not null", reports,
                rs -> out.put("report:" + rs.getLong(1), new ObjectRange(rs.getString(2), 0, -1)));
        return out;
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(java.sql.ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, List<Long> ids, RowConsumer row) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (var ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    /** Every anchor in the store against the ledger entry at its seq. */
    private List<VerificationView.Break> checkAnchors() {
        var out = new ArrayList<VerificationView.Break>();
        List<String> keys;
        try (var s = store.list(EvidenceLedger.ANCHORS)) {
            keys = s.map(o -> o.key()).toList();
        }
        for (String key : keys) {
            Map<String, Object> anchor;
            try (InputStream in = store.get(key)) {
                anchor = json.readValue(in, new TypeReference<Map<String, Object>>() {
                });
            } catch (IOException e) {
                out.add(new VerificationView.Break(null, key, "the anchor cannot be read: " + e.getMessage(), null, null));
                continue;
            }
            long seq = ((Number) anchor.get("seq")).longValue();
            String hash = String.valueOf(anchor.get("entryHash"));
            var entry = ledger.entry(seq);
            if (entry.isEmpty()) {
                out.add(new VerificationView.Break(seq, key, "the anchored entry is missing from the ledger", hash, null));
            } else if (!entry.get().entryHash().equals(hash)) {
                out.add(new VerificationView.Break(seq, key, "the ledger differs from what was anchored", hash,
                        entry.get().entryHash()));
            }
        }
        return out;
    }


    private void record(long id, long lastSeq, String lastHash, int checked, int rehashed, List<VerificationView.Break> breaks) {
        String more = write(breaks);
        jdbc.inNewTransaction(c -> {
            try (var ps = c.prepareStatement("update ledger_verification set last_seq = ?, last_hash = ?,"
                    + " entries_checked = entries_checked + ?, objects_rehashed = objects_rehashed + ?,"
                    + " breaks = case when jsonb_array_length(breaks) < ? then breaks || ?::jsonb else breaks end where id = ?")) {
                ps.setLong(1, lastSeq);
                ps.setString(2, lastHash);
                ps.setLong(3, checked);
                ps.setLong(4, rehashed);
                ps.setInt(5, MAX_BREAKS);
                ps.setString(6, more);
                ps.setLong(7, id);
                return ps.executeUpdate();
            }
        });
    }

    private void finish(long id) {
        jdbc.inNewTransaction(c -> {
            try (var ps = c.prepareStatement("update ledger_verification set finished_at = ?, status = case when"
                    + " jsonb_array_length(breaks) = 0 then 'passed' else 'failed' end where id = ?")) {
                ps.setObject(1, OffsetDateTime.now(clock));
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
        VerificationView v = get(id);
        if ("failed".equals(v.status())) {
            LOG.errorf("ledger verification %d found %d break(s); first: %s", id, v.breaks().size(), v.breaks().get(0));
        }
    }

    /** Where a run stands: the last entry it checked, that entry's hash, and its object share. */
    private record Position(long lastSeq, String lastHash, int objectPercent) {
    }

    private Position position(long id) {
        return jdbc.inNewTransaction(c -> {
            try (var ps = c.prepareStatement("select last_seq, last_hash, object_percent from ledger_verification where id = ?")) {
                ps.setLong(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return new Position(rs.getLong(1), rs.getString(2), rs.getInt(3));
                }
            }
        });
    }

    public VerificationView get(long id) {
        List<VerificationView> found = select("where id = ?", id);
        if (found.isEmpty()) {
            throw new ChatGuardException(ProblemType.NOT_FOUND, "no verification " + id);
        }
        return found.get(0);
    }

    /** The latest runs, newest first. */
    public List<VerificationView> recent(int limit) {
        return select("order by id desc limit ?", limit);
    }

    private List<VerificationView> select(String where, long param) {
        return jdbc.inNewTransaction(c -> {
            try (var ps = c.prepareStatement("select id, requested_by, started_at, finished_at, status, object_percent,"
                    + " total_entries, entries_checked, objects_rehashed, breaks::text, error from ledger_verification " + where)) {
                ps.setLong(1, param);
                var out = new ArrayList<VerificationView>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OffsetDateTime finished = rs.getObject(4, OffsetDateTime.class);
                        out.add(new VerificationView(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                                finished == null ? null : finished.toInstant(), rs.getString(5), rs.getInt(6), rs.getLong(7),
                                rs.getLong(8), rs.getLong(9), read(rs.getString(10)), rs.getString(11)));
                    }
                }
                return out;
            }
        });
    }

    private String write(List<VerificationView.Break> breaks) {
        try {
            return json.writeValueAsString(breaks);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<VerificationView.Break> read(String text) {
        try {
            return json.readValue(text, new TypeReference<List<VerificationView.Break>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }


    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
