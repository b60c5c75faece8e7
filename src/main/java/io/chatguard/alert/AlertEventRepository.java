package io.chatguard.alert;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatguard.platform.db.UnnestInsert;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class AlertEventRepository implements PanacheRepositoryBase<AlertEvent, Long> {
    private static final UnnestInsert<AlertEvent> INSERT = UnnestInsert.<AlertEvent>into("alert_event")
            .bigint("alert_id", e -> e.alertId).timestamptz("occurred_at", e -> e.occurredAt).text("actor", e -> e.actor)
            .text("action", e -> e.action).jsonb("before", e -> e.before).jsonb("after", e -> e.after).text("note", e -> e.note);

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
            try (var ps = INSERT.prepare(c, events, null)) {
                ps.executeUpdate();
            }
        });
    }
}
