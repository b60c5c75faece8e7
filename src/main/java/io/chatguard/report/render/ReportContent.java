package io.chatguard.report.render;

import java.time.Instant;
import java.util.List;

/**
 * What a report says, independent of its format. Labels are Chinese (简体) and final: writers print
 * them as given. Message texts are attacker-controlled: writers treat them as plain text.
 */
public final class ReportContent {
    private ReportContent() {
    }

    /**
     * The report's first part: counts over the period.
     *
     * @param title the report's title
     * @param from period start, inclusive
     * @param to period end, exclusive
     * @param generatedAt when the export ran
     * @param generatedBy who exported it
     * @param filter the filter in words (e.g. "员工：zhangwei；类别：承诺保本、保收益或弥补亏损"), "全部" when none
     * @param alerts alerts in the report
     * @param byCategory alerts by compliance category, most first
     * @param byOutcome alerts by review outcome (待处理, 确认违规, 误报, …)
     * @param byEmployee alerts by employee, most first
     * @param byDepartment alerts by department, most first
     * @param timeliness review times against the SLA
     */
    public record Summary(String title, Instant from, Instant to, Instant generatedAt, String generatedBy, String filter,
            long alerts, List<Count> byCategory, List<Count> byOutcome, List<Count> byEmployee, List<Count> byDepartment,
            Timeliness timeliness) {
        public Summary {
            byCategory = List.copyOf(byCategory);
            byOutcome = List.copyOf(byOutcome);
            byEmployee = List.copyOf(byEmployee);
            byDepartment = List.copyOf(byDepartment);
        }
    }

    /** A count under a label (the label shown; the key is the code, e.g. guarantee_return). */
    public record Count(String key, String label, long count) {
    }

    /**
     * How quickly alerts were reviewed.
     *
     * @param closed alerts closed
     * @param closedWithinSla closed by their due time
     * @param closedLate closed after it
     * @param openOverdue still open (not closed) past their due time at the end of the period
     * @param medianHoursToClose median hours from raise to close, or null when none closed
     */
    public record Timeliness(long closed, long closedWithinSla, long closedLate, long openOverdue, Double medianHoursToClose) {
    }

    /**
     * One alert in full, for the detail part.
     *
     * @param alertId alert id
     * @param kind 规则命中 / 撤回 / 存档缺失 / 抽样复核 (label)
     * @param category category label, or "" for alerts without one
     * @param ruleId rule id, or ""
     * @param severity severity label (严重/高/中/低)
     * @param status status label (待处理/处理中/已升级/已关闭)
     * @param resolution resolution label, or "" while open
     * @param employee employee userid, or ""
     * @param department department, or ""
     * @param raisedAt when raised
     * @param dueAt review due time
     * @param closedAt when closed, or null
     * @param message the message the alert is about, or null (signals such as archive gaps have none)
     * @param context messages of the conversation around it, in time order, including it
     * @param hits the rule hits in the message text
     * @param actions the review history, in order
     * @param detail the alert's own description (e.g. for signals), or ""
     */
    public record Alert(long alertId, String kind, String category, String ruleId, String severity, String status,
            String resolution, String employee, String department, Instant raisedAt, Instant dueAt, Instant closedAt,
            Message message, List<Message> context, List<Hit> hits, List<Action> actions, String detail) {
        public Alert {
            context = List.copyOf(context);
            hits = List.copyOf(hits);
            actions = List.copyOf(actions);
        }
    }

    /** A message: who, when, and its text (attacker-controlled). */
    public record Message(String msgid, Instant msgtime, String sender, String text) {
    }

    /** A rule hit: {@code [start, end)} in the message text (UTF-16), the rule and what matched. */
    public record Hit(String ruleId, String category, int start, int end, String matched) {
    }

    /** A review action: who did what when, the status after it, and the note. */
    public record Action(Instant at, String actor, String action, String statusAfter, String note) {
    }
}
