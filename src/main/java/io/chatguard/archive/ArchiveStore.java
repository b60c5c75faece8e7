package io.chatguard.archive;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.archive.StoreBatch.EvidenceSlice;
import io.chatguard.archive.StoreBatch.MessageToStore;
import io.chatguard.archive.StoreBatch.QuarantineEntry;
import io.chatguard.archive.StoreBatch.SeqGap;
import io.chatguard.archive.StoreBatch.StoredMedia;
import io.chatguard.archive.message.ParsedMessage;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes ingest and import batches to PostgreSQL with batched JDBC statements, one transaction per
 * batch: messages (idempotent on msgid), parties, conversations, evidence references, media,
 * quarantine, signals and the cursor commit together or not at all.
 */
@ApplicationScoped
class ArchiveStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUL_REPLACED = "nul_replaced";

    private final DataSource dataSource;

    ArchiveStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Msgids among {@code msgids} that are archived already. */
    Set<String> existingMsgids(Collection<String> msgids) {
        if (msgids.isEmpty()) {
            return Set.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return existing(c, msgids);
            }
        });
    }

    /** The seq after which the next pull starts; creates the cursor row on first use. */
    long cursor(String source) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                ensureCursor(c, source);
                try (var ps = c.prepareStatement("select last_seq from ingest_cursor where source = ?")) {
                    ps.setString(1, source);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            }
        });
    }

    List<MediaView> media(long messageId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                    "select item_index, kind, md5sum, size, object_key, sha256, status, error from media_object"
                            + " where message_id = ? order by item_index")) {
                ps.setLong(1, messageId);
                List<MediaView> media = new ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long size = rs.getLong(4);
                        media.add(new MediaView(rs.getInt(1), rs.getString(2), rs.getString(3),
                                rs.wasNull() ? null : size, rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8)));
                    }
                }
                return media;
            }
        });
    }

    List<EvidenceView> evidence(long messageId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                    "select kind, object_key, byte_offset, byte_length, sha256 from message_evidence"
                            + " where message_id = ? order by kind")) {
                ps.setLong(1, messageId);
                List<EvidenceView> evidence = new ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        evidence.add(new EvidenceView(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4),
                                rs.getString(5)));
                    }
                }
                return evidence;
            }
        });
    }

    IngestStatus status(String source, String state, Set<Integer> keyVersions) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                ensureCursor(c, source);
                try (var ps = c.prepareStatement("select last_seq, stored_count, duplicate_count, quarantined_count,"
                        + " media_count, media_failed_count, last_batch_at, last_error, last_error_at"
                        + " from ingest_cursor where source = ?")) {
                    ps.setString(1, source);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return new IngestStatus(source, state, rs.getLong(1), rs.getLong(2), rs.getLong(3),
                                rs.getLong(4), rs.getLong(5), rs.getLong(6), instant(rs.getTimestamp(7)),
                                rs.getString(8), instant(rs.getTimestamp(9)), keyVersions);
                    }
                }
            }
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    void recordError(String source, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                ensureCursor(c, source);
                try (var ps = c.prepareStatement(
                        "update ingest_cursor set last_error = ?, last_error_at = now() where source = ?")) {
                    ps.setString(1, error);
                    ps.setString(2, source);
                    ps.executeUpdate();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    StoreResult store(StoreBatch batch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return store(c, batch);
            }
        });
    }

    private StoreResult store(Connection c, StoreBatch batch) throws SQLException {
        ensureCursor(c, batch.source());
        // The first occurrence of a msgid wins, inside the batch and against the archive.
        Map<String, MessageToStore> unique = new LinkedHashMap<>();
        for (MessageToStore m : batch.messages()) {
            unique.putIfAbsent(m.message().msgid(), m);
        }
        Set<String> existing = existing(c, unique.keySet());
        List<MessageToStore> fresh = unique.values().stream()
                .filter(m -> !existing.contains(m.message().msgid()))
                .toList();
        int duplicates = batch.messages().size() - fresh.size();

        upsertParties(c, fresh);
        Map<String, Long> conversations = upsertConversations(c, fresh);
        Map<String, Long> ids = insertMessages(c, fresh, conversations, batch.origin());
        insertEvidence(c, fresh, ids);
        int[] media = insertMedia(c, fresh, ids);
        int quarantined = insertQuarantine(c, batch);
        insertSignals(c, batch, fresh);

        try (var ps = c.prepareStatement("""
                update ingest_cursor set last_seq = greatest(last_seq, ?), stored_count = stored_count + ?,
                  duplicate_count = duplicate_count + ?, quarantined_count = quarantined_count + ?,
                  media_count = media_count + ?, media_failed_count = media_failed_count + ?,
                  last_batch_at = now(), updated_at = now()
                where source = ?""")) {
            ps.setLong(1, batch.cursor().orElse(0));
            ps.setLong(2, ids.size());
            ps.setLong(3, duplicates);
            ps.setLong(4, quarantined);
            ps.setLong(5, media[0]);
            ps.setLong(6, media[1]);
            ps.setString(7, batch.source());
            ps.executeUpdate();
        }
        List<Long> storedIds = fresh.stream().map(m -> ids.get(m.message().msgid())).toList();
        return new StoreResult(ids.size(), duplicates, quarantined, media[0], media[1], storedIds);
    }

    private static Set<String> existing(Connection c, Collection<String> msgids) throws SQLException {
        Set<String> found = new HashSet<>();
        try (var ps = c.prepareStatement("select msgid from chat_message where msgid = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", msgids.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    private static void ensureCursor(Connection c, String source) throws SQLException {
        try (var ps = c.prepareStatement(
                "insert into ingest_cursor (source, last_seq) values (?, 0) on conflict (source) do nothing")) {
            ps.setString(1, source);
            ps.executeUpdate();
        }
    }

    private static void upsertParties(Connection c, List<MessageToStore> messages) throws SQLException {
        Set<String> staff = new TreeSet<>();
        Set<String> external = new TreeSet<>();
        for (MessageToStore m : messages) {
            List<String> parties = new ArrayList<>(m.message().tolist());
            parties.add(m.message().from());
            for (String id : parties) {
                if (id == null || id.isBlank()) {
                    continue;
                }
                (Parties.isExternal(id) ? external : staff).add(pgSafe(id));
            }
        }
        // Sorted keys: concurrent batches lock rows in the same order and cannot deadlock.
        batchInsert(c, "insert into employee (userid) values (?) on conflict (userid) do nothing", staff);
        batchInsert(c, "insert into external_contact (external_userid) values (?) on conflict (external_userid) do nothing",
                external);
    }

    private static void batchInsert(Connection c, String sql, Collection<String> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        try (var ps = c.prepareStatement(sql)) {
            for (String value : values) {
                ps.setString(1, value);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private record ConversationRow(String roomid, String kind, Instant first, Instant last, int count) {
    }

    private static Map<String, Long> upsertConversations(Connection c, List<MessageToStore> messages)
            throws SQLException {
        Map<String, ConversationRow> rows = new TreeMap<>();
        for (MessageToStore m : messages) {
            String key = Parties.conversationKey(m.message());
            if (key == null) {
                continue;
            }
            Instant t = m.message().msgtime();
            rows.merge(key, new ConversationRow(m.message().roomid(), m.message().roomid().isEmpty() ? "single" : "group",
                    t, t, 1), (a, b) -> new ConversationRow(a.roomid(), a.kind(),
                            a.first().isBefore(b.first()) ? a.first() : b.first(),
                            a.last().isAfter(b.last()) ? a.last() : b.last(), a.count() + b.count()));
        }
        if (rows.isEmpty()) {
            return Map.of();
        }
        try (var ps = c.prepareStatement("""
                insert into conversation (conversation_key, roomid, kind, first_msgtime, last_msgtime, message_count)
                values (?, ?, ?, ?, ?, ?)
                on conflict (conversation_key) do update set
                  first_msgtime = least(conversation.first_msgtime, excluded.first_msgtime),
                  last_msgtime = greatest(conversation.last_msgtime, excluded.last_msgtime),
                  message_count = conversation.message_count + excluded.message_count""")) {
            for (var e : rows.entrySet()) {
                ConversationRow r = e.getValue();
                ps.setString(1, pgSafe(e.getKey()));
                ps.setString(2, r.roomid().isEmpty() ? null : pgSafe(r.roomid()));
                ps.setString(3, r.kind());
                ps.setTimestamp(4, Timestamp.from(r.first()));
                ps.setTimestamp(5, Timestamp.from(r.last()));
                ps.setInt(6, r.count());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Map<String, Long> ids = new HashMap<>();
        try (var ps = c.prepareStatement("select conversation_key, id from conversation where conversation_key = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", rows.keySet().stream().map(ArchiveStore::pgSafe).toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return ids;
    }

    private static Map<String, Long> insertMessages(Connection c, List<MessageToStore> messages,
            Map<String, Long> conversations, String origin) throws SQLException {
        if (messages.isEmpty()) {
            return Map.of();
        }
        try (var ps = c.prepareStatement("""
                insert into chat_message (msgid, seq, action, sender, tolist, roomid, conversation_id, msgtime,
                  msgtype, content_text, raw, source, flags)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                on conflict (msgid) do nothing""")) {
            for (MessageToStore m : messages) {
                ParsedMessage p = m.message();
                Set<String> flags = new TreeSet<>(p.flags());
                String raw = p.rawJson();
                String text = p.text();
                if (raw.contains("\\u0000") || text.indexOf('\0') >= 0) {
                    // PostgreSQL text and jsonb cannot hold NUL; the evidence object keeps the original.
                    raw = raw.replace("\\u0000", "\\ufffd");
                    flags.add(NUL_REPLACED);
                }
                ps.setString(1, p.msgid());
                setLong(ps, 2, m.seq());
                ps.setString(3, p.action());
                ps.setString(4, pgSafe(p.from()));
                ps.setArray(5, textArray(c, p.tolist()));
                ps.setString(6, pgSafe(p.roomid()));
                Long conversation = conversations.get(pgSafe(Parties.conversationKey(p)));
                setLong(ps, 7, conversation);
                ps.setTimestamp(8, Timestamp.from(p.msgtime()));
                ps.setString(9, pgSafe(p.msgtype()));
                ps.setString(10, pgSafe(text));
                ps.setString(11, pgSafe(raw));
                ps.setString(12, origin);
                ps.setArray(13, textArray(c, flags));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Map<String, Long> ids = new HashMap<>();
        try (var ps = c.prepareStatement("select msgid, id from chat_message where msgid = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", messages.stream().map(m -> m.message().msgid()).toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return ids;
    }

    private static void insertEvidence(Connection c, List<MessageToStore> messages, Map<String, Long> ids)
            throws SQLException {
        try (var ps = c.prepareStatement("""
                insert into message_evidence (message_id, kind, object_key, byte_offset, byte_length, sha256)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            int n = 0;
            for (MessageToStore m : messages) {
                for (EvidenceSlice e : m.evidence()) {
                    ps.setLong(1, ids.get(m.message().msgid()));
                    ps.setString(2, e.kind());
                    ps.setString(3, e.objectKey());
                    ps.setLong(4, e.offset());
                    ps.setInt(5, e.length());
                    ps.setString(6, e.sha256());
                    ps.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    /** @return {stored, failed} */
    private static int[] insertMedia(Connection c, List<MessageToStore> messages, Map<String, Long> ids)
            throws SQLException {
        int stored = 0;
        int failed = 0;
        try (var ps = c.prepareStatement("""
                insert into media_object (message_id, item_index, kind, sdkfileid, md5sum, size, object_key, sha256,
                  status, attempts, error)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            for (MessageToStore m : messages) {
                for (StoredMedia media : m.media()) {
                    ps.setLong(1, ids.get(m.message().msgid()));
                    ps.setInt(2, media.ref().index());
                    ps.setString(3, pgSafe(media.ref().kind()));
                    ps.setString(4, pgSafe(media.ref().sdkfileid()));
                    ps.setString(5, pgSafe(media.ref().md5sum()));
                    ps.setLong(6, media.stored() ? media.size() : media.ref().size());
                    ps.setString(7, media.objectKey());
                    ps.setString(8, media.sha256());
                    ps.setString(9, media.stored() ? "stored" : "failed");
                    ps.setInt(10, media.attempts());
                    ps.setString(11, pgSafe(media.error()));
                    ps.addBatch();
                    if (media.stored()) {
                        stored++;
                    } else {
                        failed++;
                    }
                }
            }
            if (stored + failed > 0) {
                ps.executeBatch();
            }
        }
        return new int[] {stored, failed};
    }

    private static int insertQuarantine(Connection c, StoreBatch batch) throws SQLException {
        if (batch.quarantined().isEmpty()) {
            return 0;
        }
        int inserted = 0;
        try (var ps = c.prepareStatement("""
                insert into quarantined_record (source, seq, line_number, msgid, publickey_ver, reason, detail, record,
                  evidence_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            for (QuarantineEntry q : batch.quarantined()) {
                ps.setString(1, batch.source());
                setLong(ps, 2, q.seq());
                if (q.lineNumber() == null) {
                    ps.setNull(3, Types.INTEGER);
                } else {
                    ps.setInt(3, q.lineNumber());
                }
                ps.setString(4, pgSafe(q.msgid()));
                if (q.publickeyVer() == null) {
                    ps.setNull(5, Types.INTEGER);
                } else {
                    ps.setInt(5, q.publickeyVer());
                }
                ps.setString(6, q.reason());
                ps.setString(7, pgSafe(q.detail()));
                ps.setString(8, pgSafe(q.record()));
                ps.setString(9, q.evidenceKey());
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                inserted += Math.max(count, 0);
            }
        }
        return inserted;
    }

    private static void insertSignals(Connection c, StoreBatch batch, List<MessageToStore> fresh) throws SQLException {
        try (var ps = c.prepareStatement("""
                insert into archive_signal (source, kind, seq_from, seq_to) values (?, 'seq_gap', ?, ?)
                on conflict do nothing""")) {
            for (SeqGap gap : batch.gaps()) {
                ps.setString(1, batch.source());
                ps.setLong(2, gap.from());
                ps.setLong(3, gap.to());
                ps.addBatch();
            }
            if (!batch.gaps().isEmpty()) {
                ps.executeBatch();
            }
        }
        try (var ps = c.prepareStatement("""
                insert into archive_signal (source, kind, msgid, pre_msgid, sender, seq_from) values (?, 'recall', ?, ?, ?, ?)
                on conflict do nothing""")) {
            int n = 0;
            for (MessageToStore m : fresh) {
                if (!"recall".equals(m.message().action())) {
                    continue;
                }
                ps.setString(1, batch.source());
                ps.setString(2, m.message().msgid());
                ps.setString(3, pgSafe(preMsgid(m.message())));
                ps.setString(4, pgSafe(m.message().from()));
                setLong(ps, 5, m.seq());
                ps.addBatch();
                n++;
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    private static String preMsgid(ParsedMessage message) {
        try {
            return JSON.readTree(message.rawJson()).path("revoke").path("pre_msgid").asText(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Array textArray(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.stream().map(ArchiveStore::pgSafe).toArray());
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    /** PostgreSQL text cannot hold U+0000. */
    static String pgSafe(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace('\0', '\ufffd');
    }
}
