package io.chatguard.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
class AuditEventRepository implements PanacheRepositoryBase<AuditEvent, Long> {

    List<AuditEvent> search(String actor, String action, int page, int size) {
        var where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (actor != null && !actor.isBlank()) {
            where.append(" and actor = :actor");
            params.put("actor", actor);
        }
        if (action != null && !action.isBlank()) {
            where.append(" and action = :action");
            params.put("action", action);
        }
        return find(where.toString(), Sort.descending("occurredAt", "id"), params)
                .page(Page.of(page, size))
                .list();
    }
}
