package io.chatguard.precheck;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
class PrecheckDecisionRepository implements PanacheRepositoryBase<PrecheckDecision, Long> {

    List<PrecheckDecision> findRecentByPrincipal(String principal, String stage, int limit) {
        var query = stage == null
                ? find("principal", Sort.descending("decidedAt", "id"), principal)
                : find("principal = ?1 and stage = ?2", Sort.descending("decidedAt", "id"), principal, stage);
        return query.page(Page.ofSize(limit)).list();
    }
}
