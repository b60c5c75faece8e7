package io.chatguard.security;

import java.time.Instant;
import java.util.Map;

/**
 * One audit log entry.
 *
 * @param id entry id, increasing with time
 * @param occurredAt when it happened
 * @param actor who did it (username or token principal)
 * @param action what was done, such as {@code message.read}
 * @param targetType kind of object acted on
 * @param targetId id of the object acted on
 * @param detail action-specific data
 * @param clientIp address the request came from, when it came over HTTP
 */
public record AuditEventView(long id, Instant occurredAt, String actor, String action, String targetType,
        String targetId, Map<String, Object> detail, String clientIp) {

    static AuditEventView of(AuditEvent e) {
        return new AuditEventView(e.id, e.occurredAt, e.actor, e.action, e.targetType, e.targetId,
                e.detail == null ? Map.of() : Map.copyOf(e.detail), e.clientIp);
    }
}
