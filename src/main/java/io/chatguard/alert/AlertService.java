package io.chatguard.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.alert.AlertViews.AlertDetail;
import io.chatguard.alert.AlertViews.AlertPage;
import io.chatguard.alert.AlertViews.AlertStats;
import io.chatguard.alert.AlertViews.AlertView;
import io.chatguard.alert.AlertViews.BulkOutcome;
import io.chatguard.alert.AlertViews.EventView;
import io.chatguard.alert.AlertViews.HitView;
import io.chatguard.alert.AlertViews.MessageSummary;
import io.chatguard.alert.AlertViews.StateView;
import io.chatguard.archive.ArchiveService;
import io.chatguard.archive.ArchiveSignal;
import io.chatguard.archive.MessageText;
import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.scan.FindingRecord;
import io.chatguard.scan.FindingsRecorded;
import io.chatguard.scan.MessagesScanned;
import io.chatguard.scan.RescanBatch;
import io.chatguard.scan.RescannedMessage;
import io.chatguard.scan.ScanService;
import io.chatguard.security.AccessAudit;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Alerts raised from scan findings and the review workflow on them. One alert per (message, rule):
 * a reviewer judges whether a message broke a rule, however many times the rule matched in it, and
 * the conversation is one filter away. Every action, including opening an alert, is an append-only
 * event with who, when, and the state before and after.
 */
@ApplicationScoped
@Transactional
public class AlertService {
    static final String SYSTEM = "system";

    private final AlertRepository alerts;
    private final AlertEventRepository events;
    private final ArchiveService archive;
    private final ScanService scans;
    private final AlertConfig config;
    private final Clock clock;
    private final ObjectMapper json;
    private final AccessAudit audit;
    private final Event<AlertsChanged> changed;

    AlertService(AlertRepository alerts, AlertEventRepository events, ArchiveService archive, ScanService scans,
            AlertConfig config, Clock clock, ObjectMapper json, AccessAudit audit, Event<AlertsChanged> changed) {
        this.audit = audit;
        this.changed = changed;
        this.alerts = alerts;
        this.events = events;
        this.archive = archive;
        this.scans = scans;
        this.config = config;
        this.clock = clock;
        this.json = json;
    }

    /** Raises an alert for each (message, rule) among the new findings that has none, in the scan's transaction. */
    void onFindings(@Observes FindingsRecorded recorded) {
        Instant now = clock.instant();
        var keys = alerts.ruleHitKeys(recorded.findings().stream().map(FindingRecord::messageId).distinct().toList());
        var raised = new java.util.ArrayList<Alert>();
        for (FindingRecord f : recorded.findings()) {
            if (keys.add(f.messageId() + "/" + f.ruleId())) {
                raised.add(ruleHit(f, now));
            }
        }
        writeBatch(raised, SYSTEM, now, List.of());
    }

    /**
     * Samples clean messages of a scan batch into review at their sender's group rate. Which messages are
     * sampled follows from their msgid (a SHA-256 bucket), so a regulator can recompute the selection.
     */
    void onScanned(@Observes MessagesScanned batch) {
        AlertConfig.Sampling sampling = config.sampling();
        if (sampling.defaultPercent() <= 0 && sampling.groups().values().stream().allMatch(p -> p <= 0)) {
            return;
        }
        var senders = new java.util.HashSet<String>();
        batch.messages().forEach(m -> senders.add(m.sender()));
        senders.remove(null);
        Map<String, String> groups = archive.employeeGroups(senders);
        Instant now = clock.instant();
        var raised = new java.util.ArrayList<Alert>();
        for (int i = 0; i < batch.messages().size(); i++) {
            MessageText m = batch.messages().get(i);
            if (batch.hitCounts().get(i) > 0 || m.sender() == null) {
                continue;
            }
            String group = groups.get(m.sender());
            double percent = group != null && sampling.groups().containsKey(group) ? sampling.groups().get(group)
                    : sampling.defaultPercent();
            if (Sampling.selects(m.msgid(), percent)) {
                Alert a = opened("sample", "low", now);
                a.messageId = m.id();
                a.rulesVersion = batch.rulesVersion();
                a.employeeUserid = m.sender();
                a.conversationId = m.conversationId();
                a.messageTime = m.msgtime();
                a.detail = "抽样复核：未命中规则的消息（" + (group == null ? "默认" : "员工组 " + group) + "，比例 " + percent + "%）";
                raised.add(a);
            }
        }
        writeBatch(raised, SYSTEM, now, List.of());
    }

    /**
     * A rescan batch, in its transaction: raises alerts for (message, rule) pairs that have none, marks
     * alerts whose rule no longer matches their message (never deletes them), and clears the mark when
     * it matches again.
     */
    void onRescan(@Observes RescanBatch batch) {
        Instant now = clock.instant();
        String actor = "rescan:" + batch.jobId();
        List<Long> ids = batch.messages().stream().map(m -> m.message().id()).toList();
        var byMessage = new java.util.HashMap<Long, List<Alert>>();
        for (Alert a : alerts.ruleHitAlerts(ids)) {
            byMessage.computeIfAbsent(a.messageId, k -> new java.util.ArrayList<>()).add(a);
        }
        var raised = new java.util.ArrayList<Alert>();
        var history = new java.util.ArrayList<AlertEvent>();
        var unmatched = new java.util.ArrayList<Long>();
        var rematched = new java.util.ArrayList<Long>();
        for (RescannedMessage m : batch.messages()) {
            List<Alert> existing = byMessage.getOrDefault(m.message().id(), List.of());
            var matching = new java.util.HashSet<String>();
            for (FindingRecord f : m.hits()) {
                if (matching.add(f.ruleId()) && existing.stream().noneMatch(a -> a.ruleId.equals(f.ruleId()))) {
                    raised.add(ruleHit(f, now));
                    batch.tally().newAlert();
                }
            }
            for (Alert a : existing) {
                boolean matches = matching.contains(a.ruleId);
                if (!matches && a.unmatchedVersion == null) {
                    unmatched.add(a.id);
                    history.add(event(a, actor, "unmatched", a.state(), a.state(),
                            "rule " + a.ruleId + " no longer matches under rules " + batch.rulesVersion(), now));
                    batch.tally().unmatched();
                } else if (matches && a.unmatchedVersion != null) {
                    rematched.add(a.id);
                    history.add(event(a, actor, "rematched", a.state(), a.state(),
                            "rule " + a.ruleId + " matches again under rules " + batch.rulesVersion(), now));
                    batch.tally().rematched();
                }
            }
        }
        alerts.markUnmatched(unmatched, batch.rulesVersion());
        alerts.clearUnmatched(rematched);
        writeBatch(raised, actor, now, history);
    }

    /**
     * Turns ingestion signals into alerts, walking them behind a cursor that moves with each batch: a seq
     * gap (the archive is incomplete), a recall of a message in which a rule hit, and an employee's
     * recalls reaching {@link AlertConfig#recallThreshold()} within {@link AlertConfig#recallWindow()}.
     * Returns how many alerts it raised.
     */
    @Transactional(Transactional.TxType.NEVER)
    public int raiseFromSignals() {
        int raised = 0;
        Instant settled = clock.instant().minus(config.signalSettle());
        while (true) {
            Integer batch = QuarkusTransaction.requiringNew().call(() -> {
                List<ArchiveSignal> signals = archive.signalsAfter(alerts.signalCursor(), settled, 500);
                if (signals.isEmpty()) {
                    return null;
                }
                int n = 0;
                for (ArchiveSignal s : signals) {
                    n += raiseFrom(s);
                }
                alerts.advanceSignalCursor(signals.get(signals.size() - 1).id());
                return n;
            });
            if (batch == null) {
                return raised;
            }
            raised += batch;
        }
    }

    private int raiseFrom(ArchiveSignal s) {
        Instant now = clock.instant();
        int n = 0;
        if (alerts.existsForSignal(s.id())) {
            return 0;
        }
        if ("seq_gap".equals(s.kind())) {
            long missing = s.seqTo() - s.seqFrom() + 1;
            signalAlert("seq_gap", s.id(), null, null, "会话存档缺失 seq " + s.seqFrom() + "–" + s.seqTo() + "（共 " + missing
                    + " 条，来源 " + s.source() + "），存档可能不完整", now);
            return 1;
        }
        if ("recall".equals(s.kind())) {
            java.util.Optional<Long> recalled = archive.messageId(s.preMsgid());
            if (recalled.isPresent() && scans.hasFindings(recalled.get())) {
                signalAlert("recall", s.id(), recalled.get(), s.sender(),
                        "员工撤回了一条命中规则的消息（" + s.preMsgid() + "）", now);
                n++;
            }
            if (s.sender() != null) {
                Instant since = s.detectedAt().minus(config.recallWindow());
                // Up to and including this recall: timestamps are stored to the microsecond.
                long count = archive.recallCount(s.sender(), since, s.detectedAt().plusNanos(1_000));
                if (count >= config.recallThreshold() && !alerts.recallBurstSince(s.sender(), now.minus(config.recallWindow()))) {
                    signalAlert("recall", null, null, s.sender(), "员工 " + s.sender() + " 在 " + config.recallWindow().toHours()
                            + " 小时内撤回 " + count + " 条消息", now);
                    n++;
                }
            }
        }
        return n;
    }

    private void signalAlert(String kind, Long signalId, Long messageId, String employee, String detail, Instant now) {
        Alert a = opened(kind, "high", now);
        a.signalId = signalId;
        a.messageId = messageId;
        a.employeeUserid = employee;
        a.detail = detail;
        alerts.persist(a);
        record(a, SYSTEM, "raise", null, a.state(), detail, now);
        if (messageId != null) {
            changed.fire(new AlertsChanged(List.of(messageId)));
        }
    }

    /** A new alert for a finding, not yet written. */
    private Alert ruleHit(FindingRecord f, Instant now) {
        Alert a = opened("rule_hit", f.severity(), now);
        a.messageId = f.messageId();
        a.ruleId = f.ruleId();
        a.rulesVersion = f.rulesVersion();
        a.category = f.category();
        a.employeeUserid = f.sender();
        a.conversationId = f.conversationId();
        a.messageTime = f.msgtime();
        return a;
    }

    /** A new open alert of {@code kind}, due by the SLA of {@code severity}; the caller fills in what it is about. */
    private Alert opened(String kind, String severity, Instant now) {
        var a = new Alert();
        a.kind = kind;
        a.severity = severity;
        a.status = AlertStatus.OPEN.label();
        a.createdAt = now;
        a.dueAt = now.plus(sla(severity));
        a.tags = List.of();
        return a;
    }

    /**
     * Writes a batch: the new alerts (ids set), a raise event for each, then the events of existing alerts,
     * each table in one statement. A raise event's note is the alert's detail (why a sample or signal was raised).
     */
    private void writeBatch(List<Alert> raised, String actor, Instant now, List<AlertEvent> history) {
        alerts.insertAll(raised);
        var all = new java.util.ArrayList<AlertEvent>(raised.size() + history.size());
        for (Alert a : raised) {
            all.add(event(a, actor, "raise", null, a.state(), a.detail, now));
        }
        all.addAll(history);
        events.insertAll(all);
        List<Long> messages = raised.stream().map(a -> a.messageId).filter(java.util.Objects::nonNull).toList();
        if (!messages.isEmpty()) {
            changed.fire(new AlertsChanged(messages));
        }
    }

    /**
     * Alerts raised in {@code [from, to)} counted by day, category, status, employee and department; {@code to}
     * defaults to now and {@code from} to 30 days before {@code to}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AlertStats stats(Instant fromOrNull, Instant toOrNull) {
        Instant to = toOrNull != null ? toOrNull : clock.instant();
        Instant from = fromOrNull != null ? fromOrNull : to.minus(Duration.ofDays(30));
        if (!from.isBefore(to)) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "from: must be before to");
        }
        List<AlertViews.Count> employees = counts(alerts.countsBy("employee", from, to));
        var departments = archive.employeeDepartments(employees.stream().map(AlertViews.Count::key).filter(k -> !k.isEmpty())
                .toList());
        var byDepartment = new java.util.TreeMap<String, Long>();
        employees.forEach(c -> byDepartment.merge(departments.getOrDefault(c.key(), ""), c.count(), Long::sum));
        List<AlertViews.Count> byCategory = counts(alerts.countsBy("category", from, to));
        return new AlertStats(from, to, byCategory.stream().mapToLong(AlertViews.Count::count).sum(),
                counts(alerts.countsBy("day", from, to)), byCategory, counts(alerts.countsBy("status", from, to)),
                employees.stream().limit(10).toList(),
                byDepartment.entrySet().stream().map(e -> new AlertViews.Count(e.getKey(), e.getValue()))
                        .sorted(Comparator.comparingLong(AlertViews.Count::count).reversed()).toList());
    }

    private static List<AlertViews.Count> counts(List<Object[]> rows) {
        return rows.stream().map(r -> new AlertViews.Count((String) r[0], ((Number) r[1]).longValue())).toList();
    }

    /** The statuses of the alerts on each of {@code messageIds} that has any, lower case. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<Long, List<String>> statusesOf(List<Long> messageIds) {
        var out = new java.util.HashMap<Long, List<String>>();
        for (Object[] row : alerts.statuses(messageIds)) {
            out.computeIfAbsent(((Number) row[0]).longValue(), k -> new java.util.ArrayList<>()).add((String) row[1]);
        }
        return out;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AlertPage list(AlertFilter filter) {
        var query = alerts.search(filter);
        Instant now = clock.instant();
        return new AlertPage(query.count(), filter.page(), filter.size(),
                query.list().stream().map(a -> AlertView.of(a, now)).toList());
    }

    /**
     * The alert with its message, {@code context} messages of the conversation on each side, hits and
     * history; opening it is recorded as a view in its history and as a read in the audit log.
     */
    public AlertDetail open(long id, int context, String viewer) {
        Alert a = find(id);
        record(a, viewer, "view", a.state(), a.state(), null, clock.instant());
        audit.record(viewer, "alert.read", "alert", String.valueOf(id),
                a.messageId == null ? Map.of() : Map.of("messageId", a.messageId, "context", context));
        return detail(a, viewer, context);
    }

    /**
     * Applies one action to each of {@code ids}, each in its own transaction: one alert's refusal does not
     * undo the others. Outcomes in the order given.
     */
    @Transactional(Transactional.TxType.NEVER)
    public List<BulkOutcome> actOnEach(List<Long> ids, AlertActionRequest request, String actor) {
        var out = new java.util.ArrayList<BulkOutcome>();
        for (long id : ids) {
            try {
                AlertDetail d = QuarkusTransaction.requiringNew().call(() -> act(id, request, actor));
                out.add(new BulkOutcome(id, 200, null, null, d.alert()));
            } catch (ChatGuardException e) {
                out.add(new BulkOutcome(id, e.type().status(), e.type().uri(), e.getMessage(), null));
            }
        }
        return out;
    }

    /** Applies a reviewer's action; returns the alert as it now stands. */
    public AlertDetail act(long id, AlertActionRequest request, String actor) {
        Alert a = alerts.lockedById(id);
        if (a == null) {
            throw notFound(id);
        }
        AlertState before = a.state();
        AlertState after = AlertWorkflow.apply(before, request, actor);
        Instant now = clock.instant();
        a.moveTo(after, now);
        record(a, actor, request.action(), before, after, request.note() == null ? null : request.note().strip(), now);
        if (a.messageId != null && before.status() != after.status()) {
            changed.fire(new AlertsChanged(List.of(a.messageId)));
        }
        return detail(a, actor, 0);
    }

    private AlertDetail detail(Alert a, String viewer, int context) {
        Instant now = clock.instant();
        MessageSummary message = null;
        List<MessageSummary> around = List.of();
        List<HitView> hits = List.of();
        if (a.messageId != null) {
            List<MessageText> conversation = archive.context(a.messageId, context);
            MessageText own = conversation.stream().filter(m -> m.id() == a.messageId).findFirst().orElse(null);
            if (own != null) {
                message = MessageSummary.of(own);
                around = conversation.stream().map(MessageSummary::of).toList();
                String rule = a.ruleId;
                hits = scans.findingsOf(own).stream().map(HitView::of)
                        .sorted(Comparator.comparing((HitView h) -> !h.ruleId().equals(rule)).thenComparingInt(HitView::start))
                        .toList();
            }
        }
        List<EventView> history = events.history(a.id).stream().map(this::view).toList();
        return new AlertDetail(AlertView.of(a, now), message, around, hits, history, AlertWorkflow.allowed(a.state(), viewer));
    }

    private Alert find(long id) {
        Alert a = alerts.findById(id);
        if (a == null) {
            throw notFound(id);
        }
        return a;
    }

    private static ChatGuardException notFound(long id) {
        return new ChatGuardException(ProblemType.ALERT_NOT_FOUND, "no alert " + id);
    }

    private void record(Alert a, String actor, String action, AlertState before, AlertState after, String note,
            Instant at) {
        events.persist(event(a, actor, action, before, after, note, at));
    }

    private AlertEvent event(Alert a, String actor, String action, AlertState before, AlertState after, String note,
            Instant at) {
        var e = new AlertEvent();
        e.alertId = a.id;
        e.occurredAt = at;
        e.actor = actor;
        e.action = action;
        e.before = before == null ? null : write(StateView.of(before));
        e.after = write(StateView.of(after));
        e.note = note;
        return e;
    }

    private EventView view(AlertEvent e) {
        return new EventView(e.id, e.occurredAt, e.actor, e.action, read(e.before), read(e.after), e.note);
    }

    private String write(StateView s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private StateView read(String s) {
        try {
            return s == null ? null : json.readValue(s, StateView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alert state " + s, e);
        }
    }

    private Duration sla(String severity) {
        return switch (severity) {
            case "critical" -> config.sla().critical();
            case "high" -> config.sla().high();
            case "medium" -> config.sla().medium();
            default -> config.sla().low();
        };
    }
}
