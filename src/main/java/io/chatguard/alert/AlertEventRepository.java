package io.chatguard.alert;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatguard.platform.db.SqlArrays;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class AlertEventRepository implements PanacheRepositoryBase<AlertEvent, Long> {

    /** The alert's events in the order they happened. */
    List<AlertEvent> history(long alertId) {
        // By time first: batch inserts take ids from the sequence directly while Hibernate hands out ids from a
        // block it fetched earlier, so ids alone need not follow time (nor do they across service instances).
        return list("alertId = ?1 order by occurredAt, id", alertId);
    }

    /** Appends a batch's events in one statement, in list order. */
    void insertAll(List<AlertEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(c -> {
            try (var ps = c.prepareStatement("insert into alert_event (alert_id, occurred_at, actor, action, before, after, note)"
                    + " select alert_id, occurred_at, actor, action, before, after, note from unnest(cast(? as bigint[]),"
                    + " cast(? as timestamptz[]), cast(? as text[]), cast(? as text[]), cast(? as jsonb[]), cast(? as jsonb[]),"
                    + " cast(? as text[])) with ordinality as e(alert_id, occurred_at, actor, action, before, after, note, n)"
                    + " order by n")) {
                ps.setArray(1, SqlArrays.longs(c, events, e -> e.alertId));
                ps.setArray(2, SqlArrays.instants(c, events, e -> e.occurredAt));
                ps.setArray(3, SqlArrays.texts(c, events, e -> e.actor));
                ps.setArray(4, SqlArrays.texts(c, events, e -> e.action));
                ps.setArray(5, SqlArrays.texts(c, events, e -> e.before));
                ps.setArray(6, SqlArrays.texts(c, events, e -> e.after));
                ps.setArray(7, SqlArrays.texts(c, events, e -> e.note));
                ps.executeUpdate();
            }
        });
    }
}
