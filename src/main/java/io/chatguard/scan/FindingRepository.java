package io.chatguard.scan;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatguard.platform.db.SqlArrays;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
class FindingRepository implements PanacheRepositoryBase<Finding, Long> {

    /** {@code "<messageId>/<ruleId>/<start>"} of the current findings of these messages. */
    Set<String> currentKeys(List<Long> messageIds) {
        return new HashSet<>(getEntityManager().createQuery("select concat(f.messageId, '/', f.ruleId, '/', f.start)"
                + " from Finding f where f.messageId in ?1 and f.retiredVersion is null", String.class)
                .setParameter(1, messageIds).getResultList());
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

    /** The message's current findings, in text order. */
    List<Finding> currentByMessage(long messageId) {
        return list("messageId = ?1 and retiredVersion is null order by start, ruleId", messageId);
    }

    /** Inserts new findings in one statement and sets their ids. */
    void insertAll(List<Finding> added) {
        if (added.isEmpty()) {
            return;
        }
        var ids = new java.util.HashMap<String, Long>();
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(c -> {
            try (var ps = c.prepareStatement("insert into finding (message_id, rule_id, rules_version, category, severity, action,"
                    + " start_offset, end_offset, matched, original, created_at)"
                    + " select * from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),"
                    + " cast(? as text[]), cast(? as text[]), cast(? as int[]), cast(? as int[]), cast(? as text[]),"
                    + " cast(? as text[]), cast(? as timestamptz[])) returning id, message_id, rule_id, start_offset")) {
                ps.setArray(1, SqlArrays.longs(c, added, f -> f.messageId));
                ps.setArray(2, SqlArrays.texts(c, added, f -> f.ruleId));
                ps.setArray(3, SqlArrays.texts(c, added, f -> f.rulesVersion));
                ps.setArray(4, SqlArrays.texts(c, added, f -> f.category));
                ps.setArray(5, SqlArrays.texts(c, added, f -> f.severity));
                ps.setArray(6, SqlArrays.texts(c, added, f -> f.action));
                ps.setArray(7, SqlArrays.ints(c, added, f -> f.start));
                ps.setArray(8, SqlArrays.ints(c, added, f -> f.end));
                ps.setArray(9, SqlArrays.texts(c, added, f -> f.matched));
                ps.setArray(10, SqlArrays.texts(c, added, f -> f.original));
                ps.setArray(11, SqlArrays.instants(c, added, f -> f.createdAt));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.put(rs.getLong(2) + "/" + rs.getString(3) + "/" + rs.getInt(4), rs.getLong(1));
                    }
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
