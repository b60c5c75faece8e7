package io.chatguard.scan;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatguard.platform.db.UnnestInsert;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class FindingRepository implements PanacheRepositoryBase<Finding, Long> {
    private static final UnnestInsert<Finding> INSERT = UnnestInsert.<Finding>into("finding")
            .bigint("message_id", f -> f.messageId).text("rule_id", f -> f.ruleId).text("rules_version", f -> f.rulesVersion)
            .text("category", f -> f.category).text("severity", f -> f.severity).text("action", f -> f.action)
            .integer("start_offset", f -> f.start).integer("end_offset", f -> f.end).text("matched", f -> f.matched)
            .text("original", f -> f.original).timestamptz("created_at", f -> f.createdAt);

    /** {@code "<messageId>/<ruleId>/<start>"} of the current findings of these messages. */
    Set<String> currentKeys(List<Long> messageIds) {
        return new HashSet<>(getEntityManager().createQuery("select concat(f.messageId, '/', f.ruleId, '/', f.start)"
                + " from Finding f where f.messageId in ?1 and f.retiredVersion is null", String.class)
                .setParameter(1, messageIds).getResultList());
    }

    /** The distinct (message id, category) pairs of the current findings of {@code messageIds}. */
    @SuppressWarnings("unchecked")
    List<Object[]> currentCategories(List<Long> messageIds) {
        return getEntityManager().createNativeQuery("select distinct message_id, category from finding"
                + " where message_id = any(?1) and retired_version is null")
                .setParameter(1, messageIds.toArray(Long[]::new)).getResultList();
    }

    /** The current findings of these messages, by message id and then in text order; read-only. */
    @SuppressWarnings("unchecked")
    List<Finding> current(List<Long> messageIds) {
        // One array parameter: an IN list of a batch's ids would be a new statement for every batch size.
        return getEntityManager().createNativeQuery("select * from finding where message_id = any(?1)"
                + " and retired_version is null order by message_id, start_offset, rule_id", Finding.class)
                .setParameter(1, messageIds.toArray(Long[]::new))
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true).getResultList();
    }

    /** Inserts new findings in one statement and sets their ids. */
    void insertAll(List<Finding> added) {
        if (added.isEmpty()) {
            return;
        }
        var ids = new java.util.HashMap<String, Long>();
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(c -> {
            try (var ps = INSERT.prepare(c, added, "id, message_id, rule_id, start_offset"); var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getLong(2) + "/" + rs.getString(3) + "/" + rs.getInt(4), rs.getLong(1));
                }
            }
        });
        // (message, rule, start) is unique among current findings, so it names each new row.
        for (Finding f : added) {
            f.id = ids.get(f.messageId + "/" + f.ruleId + "/" + f.start);
        }
    }

    /** Retires findings {@code ids}: the scan with {@code version} no longer found them. */
    void retire(List<Long> ids, String version, Instant at) {
        if (!ids.isEmpty()) {
            getEntityManager().createNativeQuery("update finding set retired_version = ?1, retired_at = ?2"
                    + " where id = any(?3) and retired_version is null")
                    .setParameter(1, version).setParameter(2, at).setParameter(3, ids.toArray(Long[]::new)).executeUpdate();
        }
    }
}
