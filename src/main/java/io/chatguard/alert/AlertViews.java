package io.chatguard.alert;

import java.time.Instant;
import java.util.List;

import io.chatguard.archive.MessageText;
import io.chatguard.scan.FindingRecord;

/** What the alert API returns. Records only; entities stay in this package. */
public final class AlertViews {
    private AlertViews() {
    }

    /**
     * An alert in a list or after an action.
     *
     * @param overdue open past its review deadline
     * @param unmatchedVersion set when a rescan under that rules version found the rule no longer matches
     * @param detail what a signal alert (seq gap, recall) is about; null for rule hits
     */
    public record AlertView(long id, String kind, String status, String severity, String category, String ruleId,
            String rulesVersion, String assignee, String resolution, String employee, Long conversationId,
            Long messageId, Instant messageTime, Instant createdAt, Instant dueAt, Instant closedAt, boolean overdue,
            List<String> tags, String unmatchedVersion, String detail) {

        static AlertView of(Alert a, Instant now) {
            boolean overdue = !"closed".equals(a.status) && a.dueAt != null && a.dueAt.isBefore(now);
            return new AlertView(a.id, a.kind, a.status, a.severity, a.category, a.ruleId, a.rulesVersion, a.assignee,
                    a.resolution, a.employeeUserid, a.conversationId, a.messageId, a.messageTime, a.createdAt, a.dueAt,
                    a.closedAt, overdue, List.copyOf(a.tags), a.unmatchedVersion, a.detail);
        }
    }

    /**
     * The outcome of one alert in a bulk action: {@code status} 200 with the alert as it now stands, or
     * the error status with its problem type and detail.
     */
    public record BulkOutcome(long id, int status, String type, String detail, AlertView alert) {
    }

    /**
     * Alerts raised in a period, counted several ways, for the dashboard.
     *
     * @param from start of the period (inclusive)
     * @param to end of the period (exclusive)
     * @param total alerts raised in it
     * @param byDay per calendar day in China Standard Time ({@code 2026-12-05}), in order
     * @param byCategory per compliance category (signal and sample alerts by their kind)
     * @param byStatus per review status
     * @param byEmployee the employees with the most alerts, at most 10
     * @param byDepartment per department of the employee (those without one as {@code ""})
     */
    public record AlertStats(Instant from, Instant to, long total, List<Count> byDay, List<Count> byCategory,
            List<Count> byStatus, List<Count> byEmployee, List<Count> byDepartment) {
        public AlertStats {
            byDay = List.copyOf(byDay);
            byCategory = List.copyOf(byCategory);
            byStatus = List.copyOf(byStatus);
            byEmployee = List.copyOf(byEmployee);
            byDepartment = List.copyOf(byDepartment);
        }
    }

    /** How many alerts share {@code key}. */
    public record Count(String key, long count) {
    }

    /** A page of alerts. */
    public record AlertPage(long total, int page, int size, List<AlertView> items) {
        public AlertPage {
            items = List.copyOf(items);
        }
    }

    /** The alert's state before or after an event. */
    public record StateView(String status, String assignee, String resolution, List<String> tags) {
        static StateView of(AlertState s) {
            return s == null ? null : new StateView(s.status().label(), s.assignee(),
                    s.resolution() == null ? null : s.resolution().label(), s.tags());
        }
    }

    /** One entry of an alert's history. */
    public record EventView(long id, Instant occurredAt, String actor, String action, StateView before, StateView after,
            String note) {
    }

    /** The message an alert is about; {@code text} is attacker-controlled and must be escaped when shown. */
    public record MessageSummary(long id, String msgid, String sender, List<String> tolist, String roomid,
            Instant msgtime, String msgtype, String text) {
        static MessageSummary of(MessageText m) {
            return new MessageSummary(m.id(), m.msgid(), m.sender(), m.tolist(), m.roomid(), m.msgtime(), m.msgtype(),
                    m.text());
        }
    }

    /** A rule hit in the message, by span in {@link MessageSummary#text()}. */
    public record HitView(String ruleId, String category, String severity, String action, int start, int end,
            String matched, String original) {
        static HitView of(FindingRecord f) {
            return new HitView(f.ruleId(), f.category(), f.severity(), f.action(), f.start(), f.end(), f.matched(),
                    f.original());
        }
    }

    /**
     * One alert with its message, the conversation around it (the message included, in time order), the
     * hits in the message (this alert's rule first), its history, and what the viewer may do next.
     */
    public record AlertDetail(AlertView alert, MessageSummary message, List<MessageSummary> context, List<HitView> hits,
            List<EventView> history, List<String> allowedActions) {
        public AlertDetail {
            context = List.copyOf(context);
            hits = List.copyOf(hits);
            history = List.copyOf(history);
            allowedActions = List.copyOf(allowedActions);
        }
    }
}
