package io.chatguard.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.chatguard.platform.storage.Sha256;

/**
 * The tables the ledger covers and how a record's content is hashed. Rows are hashed over a canonical
 * JSON array of their columns (times as ISO-8601 UTC, jsonb as PostgreSQL normalises it), so the hash can
 * be recomputed from the row at any time; evidence slices and media carry the SHA-256 of their bytes.
 */
enum LedgerSource {
    /** A message's evidence: a slice of a batch object (encrypted record, decrypted JSON or import line). */
    MESSAGE_EVIDENCE("message_evidence") {
        @Override
        List<SourceRecord> after(Connection c, OffsetDateTime lastTime, long lastId, Instant settled, int limit) throws SQLException {
            // By message: the cursor is the last message id walked, whether it had evidence or not.
            List<Long> ids = new ArrayList<>();
            try (var ps = c.prepareStatement("select id from chat_message where id > ? and stored_at < ? order by id limit ?")) {
                ps.setLong(1, lastId);
                ps.setObject(2, OffsetDateTime.ofInstant(settled, java.time.ZoneOffset.UTC));
                ps.setInt(3, limit);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            var out = new ArrayList<SourceRecord>();
            var hashes = current(c, ids);
            for (long id : ids) {
                for (String kind : KINDS) {
                    String ref = ref(id, kind);
                    if (hashes.containsKey(ref)) {
                        out.add(new SourceRecord(ref, hashes.get(ref), null, lastTime, id));
                    }
                }
            }
            // A marker for the cursor when the walked messages had no evidence (test data, imports of old rows).
            if (out.isEmpty() || out.get(out.size() - 1).id() != ids.get(ids.size() - 1)) {
                out.add(new SourceRecord(null, null, null, lastTime, ids.get(ids.size() - 1)));
            }
            return out;
        }

        @Override
        Map<String, String> current(Connection c, List<Long> messageIds) throws SQLException {
            var out = new HashMap<String, String>();
            try (var ps = c.prepareStatement("select message_id, kind, sha256 from message_evidence where message_id = any(?)")) {
                ps.setArray(1, c.createArrayOf("bigint", messageIds.toArray()));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(ref(rs.getLong(1), rs.getString(2)), rs.getString(3));
                    }
                }
            }
            return out;
        }

        private static String ref(long messageId, String kind) {
            return "message_evidence:" + messageId + "/" + kind;
        }
    },
    /** A media file downloaded with a message. */
    MEDIA_OBJECT("media_object") {
        @Override
        List<SourceRecord> after(Connection c, OffsetDateTime lastTime, long lastId, Instant settled, int limit) throws SQLException {
            return rows(c, "select id, stored_at, sha256 from media_object where status = 'stored' and (stored_at, id) > (?, ?)"
                    + " and stored_at < ? order by stored_at, id limit ?", lastTime, lastId, settled, limit, rs -> rs.getString(3));
        }

        @Override
        Map<String, String> current(Connection c, List<Long> ids) throws SQLException {
            return byId(c, "select id, stored_at, sha256 from media_object where status = 'stored' and id = any(?)",
                    ids, rs -> rs.getString(3));
        }
    },
    /** A step of an alert's review (raise, claim, close, …). */
    ALERT_EVENT("alert_event", "occurred_at", "id, occurred_at, alert_id, actor, action, before::text, after::text, note"),
    /** An entry of the access audit log (reads of chat content, searches, security actions). */
    AUDIT_EVENT("audit_event", "occurred_at", "id, occurred_at, actor, action, target_type, target_id, detail::text, client_ip"),
    /** A pre-send check that blocked or warned. */
    PRECHECK_DECISION("precheck_decision", "decided_at", "id, decided_at, principal, sender, array_to_json(receivers)::text,"
            + " roomid, decision, stage, text, hits::text, rules_version"),
    /** An exported report: its evidence package. */
    REPORT("report") {
        @Override
        List<SourceRecord> after(Connection c, OffsetDateTime lastTime, long lastId, Instant settled, int limit) throws SQLException {
            return rows(c, "select id, finished_at, package_sha256 from report where status = 'done' and package_sha256 is not null"
                    + " and (finished_at, id) > (?, ?) and finished_at < ? order by finished_at, id limit ?",
                    lastTime, lastId, settled, limit, rs -> rs.getString(3));
        }

        @Override
        Map<String, String> current(Connection c, List<Long> ids) throws SQLException {
            return byId(c, "select id, finished_at, package_sha256 from report where package_sha256 is not null and id = any(?)",
                    ids, rs -> rs.getString(3));
        }
    };

    private static final List<String> KINDS = List.of("encrypted_record", "decrypted_json", "import_line");

    private final String name;
    /** For row sources: the time column (second in {@link #columns}) and the columns hashed, id first. */
    private final String timeColumn;
    private final String columns;

    LedgerSource(String name) {
        this(name, null, null);
    }

    LedgerSource(String name, String timeColumn, String columns) {
        this.name = name;
        this.timeColumn = timeColumn;
        this.columns = columns;
    }

    /**
     * Whether records are table rows whose content is their canonical JSON (hashed here, and copied to
     * object storage by the ledger); otherwise the source supplies the SHA-256 of an object's bytes.
     */
    boolean rowSource() {
        return columns != null;
    }

    /** The name in the ledger and in refs. */
    String sourceName() {
        return name;
    }

    /**
     * Up to {@code limit} records after the cursor {@code (lastTime, lastId)} and older than {@code settled}, in
     * cursor order. A record with a null ref only moves the cursor.
     */
    List<SourceRecord> after(Connection c, OffsetDateTime lastTime, long lastId, Instant settled, int limit)
            throws SQLException {
        int n = columns.split(",").length;
        return rows(c, "select " + columns + " from " + name + " where (" + timeColumn + ", id) > (?, ?) and " + timeColumn
                + " < ? order by " + timeColumn + ", id limit ?", lastTime, lastId, settled, limit, rs -> canonicalRow(rs, n));
    }

    /** The content hashes of the records with these ids as they are now, by ref; missing records are absent. */
    Map<String, String> current(Connection c, List<Long> ids) throws SQLException {
        int n = columns.split(",").length;
        return byId(c, "select " + columns + " from " + name + " where id = any(?)", ids, rs -> canonicalRow(rs, n));
    }

    static LedgerSource of(String name) {
        for (LedgerSource s : values()) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown ledger source " + name);
    }

    /** The record id in {@code ref} ({@code source:id} or {@code source:id/part}). */
    static long idOf(String ref) {
        int colon = ref.indexOf(':');
        int slash = ref.indexOf('/', colon);
        return Long.parseLong(ref.substring(colon + 1, slash < 0 ? ref.length() : slash));
    }

    /** The record's content from its row: canonical JSON for row sources, else the object's SHA-256. */
    @FunctionalInterface
    interface Hasher {
        String apply(ResultSet rs) throws SQLException;
    }

    final List<SourceRecord> rows(Connection c, String sql, OffsetDateTime lastTime, long lastId, Instant settled, int limit,
            Hasher hasher) throws SQLException {
        var out = new ArrayList<SourceRecord>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, lastTime);
            ps.setLong(2, lastId);
            ps.setObject(3, OffsetDateTime.ofInstant(settled, java.time.ZoneOffset.UTC));
            ps.setInt(4, limit);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    String value = hasher.apply(rs);
                    out.add(rowSource() ? new SourceRecord(name + ":" + id, Sha256.hex(value), value, rs.getObject(2, OffsetDateTime.class), id)
                            : new SourceRecord(name + ":" + id, value, null, rs.getObject(2, OffsetDateTime.class), id));
                }
            }
        }
        return out;
    }

    final Map<String, String> byId(Connection c, String sql, List<Long> ids, Hasher hasher) throws SQLException {
        var out = new HashMap<String, String>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(name + ":" + rs.getLong(1), rowSource() ? Sha256.hex(hasher.apply(rs)) : hasher.apply(rs));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The row's first {@code columns} columns as a canonical JSON array (column 2 is a time). */
    private static String canonicalRow(ResultSet rs, int columns) throws SQLException {
        var values = new ArrayList<String>(columns);
        for (int i = 1; i <= columns; i++) {
            if (i == 2) {
                Instant t = instant(rs, i);
                values.add(t == null ? null : t.toString());
            } else {
                values.add(rs.getString(i));
            }
        }
        return canonical(values);
    }

    /** {@code ["a","b",null]}: JSON strings with every character outside printable ASCII escaped. */
    static String canonical(List<String> values) {
        var b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String v = values.get(i);
            if (v == null) {
                b.append("null");
                continue;
            }
            b.append('"');
            for (int k = 0; k < v.length(); k++) {
                char ch = v.charAt(k);
                if (ch == '"' || ch == '\\') {
                    b.append('\\').append(ch);
                } else if (ch < 0x20 || ch > 0x7e) {
                    b.append(String.format("\\u%04x", (int) ch));
                } else {
                    b.append(ch);
                }
            }
            b.append('"');
        }
        return b.append(']').toString();
    }
}
