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
     * Records messages {@code ids} as scanned with {@code rulesVersion} and their hit counts; returns the
     * ids this call recorded. A concurrent scan of the same message waits for this transaction and then
     * records nothing, so each message's findings are written once.
     */
    @SuppressWarnings("unchecked")
    List<Long> record(List<Long> ids, List<Integer> hitCounts, String rulesVersion) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return ((List<Number>) em.createNativeQuery("insert into message_scan (message_id, rules_version, hit_count)"
                + " select id, ?3, hits from unnest(cast(?1 as bigint[]), cast(?2 as int[])) as s(id, hits)"
                + " on conflict do nothing returning message_id")
                .setParameter(1, ids.toArray(Long[]::new))
                .setParameter(2, hitCounts.toArray(Integer[]::new))
                .setParameter(3, rulesVersion)
                .getResultList()).stream().map(Number::longValue).toList();
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
