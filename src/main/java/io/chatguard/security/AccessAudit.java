package io.chatguard.security;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.quarkus.arc.Arc;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes the append-only audit log: who did or read what, when, from where.
 *
 * <p>Entries join the caller's transaction, so an action and its audit entry commit together; a
 * read whose audit entry cannot be written fails.
 */
@ApplicationScoped
@Transactional
public class AccessAudit {
    private final AuditEventRepository events;
    private final Clock clock;
    private final Instance<RoutingContext> request;

    AccessAudit(AuditEventRepository events, Clock clock, Instance<RoutingContext> request) {
        this.events = events;
        this.clock = clock;
        this.request = request;
    }

    public void record(String actor, String action, String targetType, String targetId, Map<String, ?> detail) {
        var event = new AuditEvent();
        event.occurredAt = clock.instant();
        event.actor = actor;
        event.action = action;
        event.targetType = targetType;
        event.targetId = targetId;
        event.detail = Map.copyOf(detail);
        event.clientIp = clientIp();
        events.persist(event);
    }

    @Transactional(TxType.SUPPORTS)
    public List<AuditEventView> search(String actor, String action, int page, int size) {
        return events.search(actor, action, page, size).stream().map(AuditEventView::of).toList();
    }

    private String clientIp() {
        if (!Arc.container().requestContext().isActive() || !request.isResolvable()) {
            return null;
        }
        try {
            var remote = request.get().request().remoteAddress();
            return remote == null ? null : remote.hostAddress();
        } catch (RuntimeException notInHttpRequest) {
            return null;
        }
    }
}
