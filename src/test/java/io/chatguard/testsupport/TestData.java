package io.chatguard.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes rows that belong to features whose write paths are not built yet, through plain SQL on
 * the real test database. Every id is unique per call.
 */
@ApplicationScoped
public class TestData {
    private final DataSource dataSource;

    TestData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts a 1:1 text message from an advisor to a client; returns its msgid. */
    public String textMessage(String sender, String receiver, String content) {
        String msgid = "test-" + UUID.randomUUID();
        String raw = "{\"msgid\":\"" + msgid + "\",\"action\":\"send\",\"from\":\"" + sender + "\",\"tolist\":[\""
                + receiver + "\"],\"roomid\":\"\",\"msgtime\":" + Instant.now().toEpochMilli()
                + ",\"msgtype\":\"text\",\"text\":{\"content\":" + jsonString(content) + "}}";
        execute("insert into chat_message (msgid, action, sender, tolist, roomid, msgtime, msgtype, content_text, raw, source)"
                + " values (?, 'send', ?, ?, '', ?, 'text', ?, ?::jsonb, 'import')",
                msgid, sender, new String[] {receiver}, Timestamp.from(Instant.now()), content, raw);
        return msgid;
    }

    /** The database id of message {@code msgid}. */
    public long messageId(String msgid) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("select id from chat_message where msgid = ?")) {
            ps.setString(1, msgid);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no message " + msgid);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts a finished report, optionally shared with one regulator; returns its id. */
    public long report(String title, String sharedWith) {
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (var ps = c.prepareStatement("insert into report (title, created_by, period_from, period_to, status)"
                    + " values (?, 'officer', now() - interval '30 days', now(), 'done') returning id")) {
                ps.setString(1, title);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            if (sharedWith != null) {
                try (var ps = c.prepareStatement(
                        "insert into report_share (report_id, shared_with, shared_by) values (?, ?, 'officer')")) {
                    ps.setLong(1, id);
                    ps.setString(2, sharedWith);
                    ps.executeUpdate();
                }
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code s} as a JSON string literal. */
    public static String jsonString(String s) {
        var out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
