package io.chatguard.scan;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The scan's own bookkeeping tables: which messages are scanned ({@code message_scan}) and how far
 * the sweep has walked ({@code scan_cursor}). Call inside a transaction.
 */
@ApplicationScoped
class ScanLedger {
    private final EntityManager em;

    ScanLedger(EntityManager em) {
        this.em = em;
    }

    /** Ids among {@code ids} that have been scanned. */
    @SuppressWarnings("unchecked")
    List<Long> scanned(List<Long> ids) {
        return ((List<Number>) em.createNativeQuery("select message_id from message_scan where message_id = any(?1)")
                .setParameter(1, ids.toArray(Long[]::new)).getResultList()).stream().map(Number::longValue).toList();
    }

    /**
     * Records messages {@code ids} as scanned with {@code rulesVersion}, their hit counts and hit digests;
     * returns the ids this call recorded. A concurrent scan or rescan of the same message waits for this
     * transaction and then records nothing, so each message's first findings are written once.
     */
    @SuppressWarnings("unchecked")
    List<Long> record(List<Long> ids, List<Integer> hitCounts, List<Long> digests, String rulesVersion) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return ((List<Number>) em.createNativeQuery("insert into message_scan (message_id, rules_version, hit_count, hits_digest)"
                + " select id, ?3, hits, digest from unnest(cast(?1 as bigint[]), cast(?2 as int[]), cast(?4 as bigint[]))"
                + " as s(id, hits, digest) on conflict do nothing returning message_id")
                .setParameter(1, ids.toArray(Long[]::new))
                .setParameter(2, hitCounts.toArray(Integer[]::new))
                .setParameter(3, rulesVersion)
                .setParameter(4, digests.toArray(Long[]::new))
                .getResultList()).stream().map(Number::longValue).toList();
    }

    /**
     * Records that a rescan with {@code rulesVersion} changed the hits of messages {@code ids}, inserting
     * the rows of messages never scanned. The rows stay locked until the transaction ends, so a scan of
     * the same message waits and then finds it scanned.
     */
    void recordChanged(List<Long> ids, List<Integer> hitCounts, List<Long> digests, String rulesVersion) {
        if (ids.isEmpty()) {
            return;
        }
        em.createNativeQuery("insert into message_scan (message_id, rules_version, hit_count, hits_digest)"
                + " select id, ?3, hits, digest from unnest(cast(?1 as bigint[]), cast(?2 as int[]), cast(?4 as bigint[]))"
                + " as s(id, hits, digest) order by id on conflict (message_id) do update set rules_version = excluded.rules_version,"
                + " hit_count = excluded.hit_count, hits_digest = excluded.hits_digest, scanned_at = now()")
                .setParameter(1, ids.toArray(Long[]::new))
                .setParameter(2, hitCounts.toArray(Integer[]::new))
                .setParameter(3, rulesVersion)
                .setParameter(4, digests.toArray(Long[]::new))
                .executeUpdate();
    }

    /**
     * The stored hit digests of those of {@code ids} (ascending) that were scanned: {@code null} values for scans
     * that predate digests. Messages never scanned are absent.
     */
    @SuppressWarnings("unchecked")
    java.util.Map<Long, Long> digests(List<Long> ids) {
        var out = new java.util.HashMap<Long, Long>(ids.size() * 2);
        if (ids.isEmpty()) {
            return out;
        }
        // One range scan of the primary key (ids come in order, mostly contiguous), then keep the asked ones.
        var asked = new java.util.HashSet<>(ids);
        for (Object[] row : (List<Object[]>) em.createNativeQuery("select message_id, hits_digest from message_scan"
                + " where message_id between ?1 and ?2").setParameter(1, ids.get(0)).setParameter(2, ids.get(ids.size() - 1))
                .getResultList()) {
            long id = ((Number) row[0]).longValue();
            if (asked.contains(id)) {
                out.put(id, row[1] == null ? null : ((Number) row[1]).longValue());
            }
        }
        return out;
    }

    long sweepCursor() {
        return ((Number) em.createNativeQuery("select last_message_id from scan_cursor where name = 'sweep'")
                .getSingleResult()).longValue();
    }

    void advanceSweepCursor(long lastMessageId) {
        em.createNativeQuery("update scan_cursor set last_message_id = greatest(last_message_id, ?1), updated_at = now()"
                + " where name = 'sweep'").setParameter(1, lastMessageId).executeUpdate();
    }
}
