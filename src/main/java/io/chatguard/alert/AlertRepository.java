package io.chatguard.alert;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.chatguard.platform.db.UnnestInsert;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
class AlertRepository implements PanacheRepositoryBase<Alert, Long> {
    private static final UnnestInsert<Alert> INSERT = UnnestInsert.<Alert>into("alert")
            .text("kind", a -> a.kind).bigint("message_id", a -> a.messageId).text("rule_id", a -> a.ruleId)
            .text("rules_version", a -> a.rulesVersion).text("category", a -> a.category).text("severity", a -> a.severity)
            .text("status", a -> a.status).text("employee_userid", a -> a.employeeUserid)
            .bigint("conversation_id", a -> a.conversationId).timestamptz("message_time", a -> a.messageTime)
            .timestamptz("created_at", a -> a.createdAt).timestamptz("due_at", a -> a.dueAt).text("detail", a -> a.detail);

    /** The alert, locked for the rest of the transaction so concurrent actions apply one after another. */
    Alert lockedById(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    boolean existsForSignal(long signalId) {
        return count("signalId", signalId) > 0;
    }

    /** Whether a recall-burst alert (a recall alert without a signal) was raised for {@code employee} since {@code since}. */
    boolean recallBurstSince(String employee, java.time.Instant since) {
        return count("kind = 'recall' and signalId is null and employeeUserid = ?1 and createdAt >= ?2", employee, since) > 0;
    }

    /** The distinct (message id, status) pairs of the alerts on {@code messageIds}. */
    @SuppressWarnings("unchecked")
    List<Object[]> statuses(List<Long> messageIds) {
        return getEntityManager().createNativeQuery("select distinct message_id, status from alert where message_id = any(?1)")
                .setParameter(1, messageIds.toArray(Long[]::new)).getResultList();
    }

    long signalCursor() {
        return ((Number) getEntityManager().createNativeQuery("select last_signal_id from alert_cursor where name = 'signals'")
                .getSingleResult()).longValue();
    }

    void advanceSignalCursor(long id) {
        getEntityManager().createNativeQuery("update alert_cursor set last_signal_id = greatest(last_signal_id, ?1),"
                + " updated_at = now() where name = 'signals'").setParameter(1, id).executeUpdate();
    }

    /**
     * The rule-hit alerts on {@code messageIds}, locked: a reviewer's action on one waits for the rescan batch.
     * Read-only: a rescan changes them only through {@link #markUnmatched} and {@link #clearUnmatched}.
     */
    @SuppressWarnings("unchecked")
    List<Alert> ruleHitAlerts(List<Long> messageIds) {
        // One array parameter rather than an IN list: the statement stays the same whatever the batch size.
        return getEntityManager().createNativeQuery("select * from alert where kind = 'rule_hit' and message_id = any(?1)"
                + " order by id for update", Alert.class).setParameter(1, messageIds.toArray(Long[]::new))
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true).getResultList();
    }

    /**
     * Inserts new alerts in one statement and sets their ids; for the many alerts of a scan or rescan batch.
     * They carry no tags or signal yet, and stay unmanaged: later changes go through their own updates.
     */
    void insertAll(List<Alert> raised) {
        if (raised.isEmpty()) {
            return;
        }
        for (Alert a : raised) {
            if (a.id != null || !a.tags.isEmpty() || a.signalId != null) {
                throw new IllegalArgumentException("insertAll takes new alerts without tags or signal");
            }
        }
        var ids = new java.util.HashMap<String, Long>();
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(c -> {
            try (var ps = INSERT.prepare(c, raised, "id, kind, message_id, rule_id"); var rs = ps.executeQuery()) {
                while (rs.next()) {
                    long messageId = rs.getLong(3);
                    ids.put(batchKey(rs.getString(2), rs.wasNull() ? null : messageId, rs.getString(4)), rs.getLong(1));
                }
            }
        });
        for (Alert a : raised) {
            a.id = ids.get(batchKey(a.kind, a.messageId, a.ruleId));
        }
    }

    /** Unique within one scan batch: a message gets one alert per rule, and is sampled at most once. */
    private static String batchKey(String kind, Long messageId, String ruleId) {
        return kind + "/" + messageId + "/" + ruleId;
    }

    /** Marks alerts {@code ids}: their rule no longer matches under {@code rulesVersion}. One statement for a batch. */
    void markUnmatched(List<Long> ids, String rulesVersion) {
        setUnmatched(ids, rulesVersion);
    }

    /** Clears the mark of alerts {@code ids}: their rule matches again. */
    void clearUnmatched(List<Long> ids) {
        setUnmatched(ids, null);
    }

    private void setUnmatched(List<Long> ids, String rulesVersion) {
        if (!ids.isEmpty()) {
            // The version moves as an entity update would move it, so a reviewer's stale copy is refused.
            getEntityManager().createNativeQuery("update alert set unmatched_version = cast(?1 as text), version = version + 1"
                    + " where id = any(?2)").setParameter(1, rulesVersion).setParameter(2, ids.toArray(Long[]::new))
                    .executeUpdate();
        }
    }

    /** {@code "<messageId>/<ruleId>"} of the rule-hit alerts already raised on {@code messageIds}. */
    java.util.Set<String> ruleHitKeys(List<Long> messageIds) {
        return new java.util.HashSet<>(getEntityManager().createQuery("select concat(a.messageId, '/', a.ruleId) from Alert a"
                + " where a.kind = 'rule_hit' and a.messageId in ?1", String.class).setParameter(1, messageIds).getResultList());
    }

    /**
     * Alerts raised in {@code [from, to)} counted by {@code key}: {@code day} (China Standard Time, as the
     * firm's working day), {@code category} (the kind for signal and sample alerts), {@code status} or
     * {@code employee}; largest first, except days, which come in order.
     */
    @SuppressWarnings("unchecked")
    List<Object[]> countsBy(String key, java.time.Instant from, java.time.Instant to) {
        String expr = switch (key) {
            case "day" -> "to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')";
            case "category" -> "coalesce(category, kind)";
            case "status" -> "status";
            case "employee" -> "coalesce(employee_userid, '')";
            default -> throw new IllegalArgumentException(key);
        };
        return getEntityManager().createNativeQuery("select " + expr + " as k, count(*) from alert"
                + " where created_at >= ?1 and created_at < ?2 group by 1 order by " + ("day".equals(key) ? "1" : "2 desc, 1"))
                .setParameter(1, from).setParameter(2, to).getResultList();
    }

    /** One page of alerts matching {@code f}, and how many match in all. */
    PanacheQuery<Alert> search(AlertFilter f) {
        var where = new ArrayList<String>();
        var params = new Parameters();
        add(where, params, "kind", f.kind());
        add(where, params, "status", f.status());
        add(where, params, "severity", f.severity());
        add(where, params, "category", f.category());
        add(where, params, "employeeUserid", f.employee());
        add(where, params, "assignee", f.assignee());
        add(where, params, "ruleId", f.ruleId());
        if (f.conversationId() != null) {
            where.add("conversationId = :conversationId");
            params.and("conversationId", f.conversationId());
        }
        if (f.from() != null) {
            where.add("messageTime >= :from");
            params.and("from", f.from());
        }
        if (f.to() != null) {
            where.add("messageTime < :to");
            params.and("to", f.to());
        }
        String query = where.isEmpty() ? "" : String.join(" and ", where);
        Sort sort = "newest".equals(f.sort()) ? Sort.descending("createdAt").and("id", Sort.Direction.Descending)
                : Sort.ascending("dueAt").and("id");
        return find(query, sort, params).page(Page.of(f.page(), f.size()));
    }

    private static void add(List<String> where, Parameters params, String field, String value) {
        if (value != null && !value.isBlank()) {
            where.add(field + " = :" + field);
            params.and(field, value);
        }
    }
}
