package io.chatguard.report.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The summary's counts as groups of (item, value) rows, shared by all three formats. */
final class SummaryRows {
    static final String TIMELINESS = "时效";

    private SummaryRows() {
    }

    /** A row's value: a Long count, a Double (hours), or null when there is none. */
    record Row(String item, Number value) {
        /** The value as text: "" for none, one decimal for hours. */
        String text() {
            if (value == null) {
                return "";
            }
            return value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : value.toString();
        }
    }

    record Group(String name, List<Row> rows) {
    }

    static List<Group> groups(ReportContent.Summary s) {
        return List.of(counts("类别", s.byCategory()), counts("处理结论", s.byOutcome()), counts("员工", s.byEmployee()),
                counts("部门", s.byDepartment()), timeliness(s.timeliness()));
    }

    static Group timeliness(ReportContent.Timeliness t) {
        List<Row> rows = new ArrayList<>();
        if (t != null) {
            rows.add(new Row("已关闭", t.closed()));
            rows.add(new Row("时限内关闭", t.closedWithinSla()));
            rows.add(new Row("超时关闭", t.closedLate()));
            rows.add(new Row("逾期未关闭", t.openOverdue()));
            rows.add(new Row("关闭用时中位数（小时）", t.medianHoursToClose()));
        }
        return new Group(TIMELINESS, rows);
    }

    private static Group counts(String name, List<ReportContent.Count> counts) {
        return new Group(name, counts.stream().map(c -> new Row(labelOf(c), c.count())).toList());
    }

    /** The label shown; the key when a label is missing, so a row is never blank. */
    static String labelOf(ReportContent.Count c) {
        String label = ReportText.nz(c.label());
        return label.isBlank() ? ReportText.nz(c.key()) : label;
    }
}
