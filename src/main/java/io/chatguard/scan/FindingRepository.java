package io.chatguard.scan;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class FindingRepository implements PanacheRepositoryBase<Finding, Long> {

    List<Finding> findByMessage(long messageId) {
        return list("messageId = ?1 order by start, ruleId", messageId);
    }
}
