package io.chatguard.scan;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class FindingRepository implements PanacheRepositoryBase<Finding, Long> {

    /** {@code "<messageId>/<ruleId>/<start>"} of the findings already recorded for these messages under {@code version}. */
    java.util.Set<String> keysOf(List<Long> messageIds, String version) {
        return new java.util.HashSet<>(getEntityManager().createQuery("select concat(f.messageId, '/', f.ruleId, '/', f.start)"
                + " from Finding f where f.messageId in ?1 and f.rulesVersion = ?2", String.class)
                .setParameter(1, messageIds).setParameter(2, version).getResultList());
    }

    /** The message's findings under the latest rules version it was scanned with (a rescan adds a version). */
    List<Finding> latestByMessage(long messageId) {
        return list("messageId = ?1 and rulesVersion = (select f.rulesVersion from Finding f where f.messageId = ?1"
                + " order by f.createdAt desc, f.id desc limit 1) order by start, ruleId", messageId);
    }
}
