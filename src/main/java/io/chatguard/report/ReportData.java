package io.chatguard.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatguard.archive.ArchiveService;
import io.chatguard.archive.MessageText;
import io.chatguard.platform.db.Jdbc;
import io.chatguard.report.render.ReportContent;
import io.chatguard.scan.FindingRecord;
import io.chatguard.scan.ScanService;

/**
 * What a report reads: the period's alerts through the filter, counted and page by page in full. A read
 * model in plain SQL over the alert tables (reports only read them); messages, context and hits come
 * through the archive and scan services. Callers run each method in a (read-only) transaction.
 */
@ApplicationScoped
class ReportData {
    /** The alerts of a report: raised in [from, to) and through the filter; binds 8 parameters from 1. */
    private static final String SCOPE = " from alert a where a.created_at >= ? and a.created_at < ?"
            + " and (cardinality(?::text[]) = 0 or a.employee_userid = any(?::text[]))"
            + " and (cardinality(?::text[]) = 0 or a.category = any(?::text[]))"
            + " and (cardinality(?::text[]) = 0 or (case when a.status = 'closed' then a.resolution else a.status end) = any(?::text[]))";

    /** An alert as a page of the export reads it, with where its message's evidence lives. */
    record AlertRow(ReportContent.Alert content, Long messageId, String msgid) {
    }

    /** A message's evidence: its slice of a batch object, or a media object. */
    record EvidenceFile(long messageId, String msgid, String ref, String objectKey, long offset, long length, String name) {
    }

    private final Jdbc jdbc;
    private final ArchiveService archive;
    private final ScanService scans;

    ReportData(Jdbc jdbc, ArchiveService archive, ScanService scans) {
        this.jdbc = jdbc;
        this.archive = archive;
        this.scans = scans;
    }


    ReportContent.Summary summary(String title, Instant from, Instant to, ReportFilter f, String filterText, String by, Instant now) {
        return jdbc.inTransaction(c -> {
            long total = 0;
            try (var ps = c.prepareStatement("select count(*)" + SCOPE)) {
                bind(c, ps, from, to, f);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<ReportContent.Count> byCategory = counts(c, "coalesce(a.category, 'kind:' || a.kind)", from, to, f, code ->
                    code.startsWith("kind:") ? Labels.of(Labels.KIND, code.substring(5)) : Labels.of(Labels.CATEGORY, code));
            List<ReportContent.Count> byOutcome = counts(c, "case when a.status = 'closed' then a.resolution else a.status end",
                    from, to, f, Labels::outcome);
            List<ReportContent.Count> byEmployee = counts(c, "coalesce(a.employee_userid, '')", from, to, f,
                    code -> code.isEmpty() ? "（无）" : code);
            List<ReportContent.Count> byDepartment = counts(c, "coalesce((select e.department from employee e"
                    + " where e.userid = a.employee_userid), '')", from, to, f, code -> code.isEmpty() ? "（未登记）" : code);
            ReportContent.Timeliness timeliness;
            try (var ps = c.prepareStatement("select count(*) filter (where a.status = 'closed'),"
                    + " count(*) filter (where a.status = 'closed' and a.closed_at <= a.due_at),"
                    + " count(*) filter (where a.status = 'closed' and a.closed_at > a.due_at),"
                    + " count(*) filter (where a.status <> 'closed' and a.due_at < least(?, ?)),"
                    + " percentile_cont(0.5) within group (order by extract(epoch from a.closed_at - a.created_at) / 3600)"
                    + " filter (where a.status = 'closed')" + SCOPE)) {
                ps.setObject(1, time(now));
                ps.setObject(2, time(to));
                bind(c, ps, 2, from, to, f);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    double median = rs.getDouble(5);
                    timeliness = new ReportContent.Timeliness(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.wasNull() ? null : median);
                }
            }
            return new ReportContent.Summary(title, from, to, now, by, filterText, total, byCategory, byOutcome, byEmployee,
                    byDepartment, timeliness);
        });
    }

    private static List<ReportContent.Count> counts(Connection c, String key, Instant from, Instant to, ReportFilter f,
            java.util.function.Function<String, String> label) throws SQLException {
        var out = new ArrayList<ReportContent.Count>();
        try (var ps = c.prepareStatement("select " + key + ", count(*)" + SCOPE + " group by 1 order by 2 desc, 1")) {
            bind(c, ps, from, to, f);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    out.add(new ReportContent.Count(code == null ? "" : code, label.apply(code == null ? "" : code), rs.getLong(2)));
                }
            }
        }
        return out;
    }

    /** The next {@code limit} alerts after {@code afterId}, in id order, each with its message, context, hits and history. */
    List<AlertRow> page(Instant from, Instant to, ReportFilter f, long afterId, int limit, int context) {
        List<Object[]> rows = jdbc.inTransaction(c -> {
            try (var ps = c.prepareStatement("select a.id, a.kind, a.category, a.rule_id, a.severity, a.status, a.resolution,"
                    + " a.employee_userid, (select e.department from employee e where e.userid = a.employee_userid), a.created_at,"
                    + " a.due_at, a.closed_at, a.message_id, a.detail" + SCOPE + " and a.id > ? order by a.id limit ?")) {
                bind(c, ps, from, to, f);
                ps.setLong(9, afterId);
                ps.setInt(10, limit);
                var out = new ArrayList<Object[]>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11),
                                instant(rs, 12), (Long) rs.getObject(13), rs.getString(14)});
                    }
                }
                return out;
            }
        });
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> alertIds = rows.stream().map(r -> (Long) r[0]).toList();
        List<Long> messageIds = rows.stream().map(r -> (Long) r[12]).filter(java.util.Objects::nonNull).distinct().toList();
        Map<Long, MessageText> messages = new HashMap<>();
        for (MessageText m : messageIds.isEmpty() ? List.<MessageText>of() : archive.texts(messageIds)) {
            messages.put(m.id(), m);
        }
        Map<Long, List<FindingRecord>> hits = scans.findingsOf(List.copyOf(messages.values()));
        Map<Long, List<ReportContent.Action>> actions = actions(alertIds);
        Map<Long, List<MessageText>> contexts = context > 0 ? archive.contexts(List.copyOf(messages.keySet()), context) : Map.of();
        var out = new ArrayList<AlertRow>(rows.size());
        for (Object[] r : rows) {
            Long messageId = (Long) r[12];
            MessageText m = messageId == null ? null : messages.get(messageId);
            List<ReportContent.Message> around = m == null ? List.of()
                    : contexts.getOrDefault(m.id(), List.of(m)).stream().map(ReportData::message).toList();
            List<ReportContent.Hit> hitViews = m == null ? List.of() : hits.getOrDefault(m.id(), List.of()).stream()
                    .map(h -> new ReportContent.Hit(h.ruleId(), Labels.of(Labels.CATEGORY, h.category()), h.start(), h.end(), h.matched()))
                    .toList();
            String status = (String) r[5];
            var content = new ReportContent.Alert((Long) r[0], Labels.of(Labels.KIND, (String) r[1]),
                    Labels.of(Labels.CATEGORY, (String) r[2]), nz((String) r[3]), Labels.of(Labels.SEVERITY, (String) r[4]),
                    Labels.of(Labels.STATUS, status), Labels.of(Labels.RESOLUTION, (String) r[6]), nz((String) r[7]),
                    nz((String) r[8]), (Instant) r[9], (Instant) r[10], (Instant) r[11], m == null ? null : message(m), around,
                    hitViews, actions.getOrDefault((Long) r[0], List.of()), nz((String) r[13]));
            out.add(new AlertRow(content, messageId, m == null ? null : m.msgid()));
        }
        return out;
    }

    private Map<Long, List<ReportContent.Action>> actions(List<Long> alertIds) {
        return jdbc.inTransaction(c -> {
            var out = new HashMap<Long, List<ReportContent.Action>>();
            try (var ps = c.prepareStatement("select alert_id, occurred_at, actor, action, after ->> 'status', note from alert_event"
                    + " where alert_id = any(?) and action <> 'view' order by alert_id, occurred_at, id")) {
                ps.setArray(1, c.createArrayOf("bigint", alertIds.toArray()));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ReportContent.Action(instant(rs, 2),
                                rs.getString(3), Labels.of(Labels.ACTION, rs.getString(4)), Labels.of(Labels.STATUS, rs.getString(5)),
                                nz(rs.getString(6))));
                    }
                }
            }
            return out;
        });
    }

    /** The evidence files of these messages: the decrypted record (or import line) and each stored media file. */
    List<EvidenceFile> evidence(Map<Long, String> msgids) {
        if (msgids.isEmpty()) {
            return List.of();
        }
        return jdbc.inTransaction(c -> {
            var out = new ArrayList<EvidenceFile>();
            Long[] ids = msgids.keySet().toArray(Long[]::new);
            try (var ps = c.prepareStatement("select message_id, kind, object_key, byte_offset, byte_length from message_evidence"
                    + " where message_id = any(?) and kind in ('decrypted_json', 'import_line') order by message_id, kind")) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String kind = rs.getString(2);
                        out.add(new EvidenceFile(id, msgids.get(id), "message_evidence:" + id + "/" + kind, rs.getString(3),
                                rs.getLong(4), rs.getLong(5), "messages/" + safe(msgids.get(id)) + "." + kind + ".json"));
                    }
                }
            }
            try (var ps = c.prepareStatement("select id, message_id, item_index, kind, object_key from media_object"
                    + " where message_id = any(?) and status = 'stored' order by message_id, item_index")) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(2);
                        out.add(new EvidenceFile(id, msgids.get(id), "media_object:" + rs.getLong(1), rs.getString(5), 0, -1,
                                "media/" + safe(msgids.get(id)) + "-" + rs.getInt(3) + "." + safe(rs.getString(4))));
                    }
                }
            }
            return out;
        });
    }

    /** A name fit for a package path: WeCom ids are ASCII, but nothing here trusts that. */
    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static ReportContent.Message message(MessageText m) {
        return new ReportContent.Message(m.msgid(), m.msgtime(), nz(m.sender()), nz(m.text()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime time(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static void bind(Connection c, PreparedStatement ps, Instant from, Instant to, ReportFilter f) throws SQLException {
        bind(c, ps, 0, from, to, f);
    }

    /** Binds {@link #SCOPE}'s parameters starting after parameter {@code before}. */
    private static void bind(Connection c, PreparedStatement ps, int before, Instant from, Instant to, ReportFilter f)
            throws SQLException {
        ps.setObject(before + 1, time(from));
        ps.setObject(before + 2, time(to));
        java.sql.Array employees = c.createArrayOf("text", f.employees().toArray());
        java.sql.Array categories = c.createArrayOf("text", f.categories().toArray());
        java.sql.Array outcomes = c.createArrayOf("text", f.outcomes().toArray());
        ps.setArray(before + 3, employees);
        ps.setArray(before + 4, employees);
        ps.setArray(before + 5, categories);
        ps.setArray(before + 6, categories);
        ps.setArray(before + 7, outcomes);
        ps.setArray(before + 8, outcomes);
    }
}
