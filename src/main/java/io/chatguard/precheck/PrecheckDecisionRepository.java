package io.chatguard.precheck;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
class PrecheckDecisionRepository implements PanacheRepositoryBase<PrecheckDecision, Long> {

    List<PrecheckDecision> findRecentByPrincipal(String principal, int limit) {
        return find("principal", Sort.descending("decidedAt", "id"), principal).page(Page.ofSize(limit)).list();
    }
}
