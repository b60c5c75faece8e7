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

    /**
     * Claims the messages of {@code ids} not scanned yet, recording the version they are scanned with;
     * returns the claimed ids. A concurrent scan of the same message waits for this transaction and
     * then claims nothing, so each message is scanned once.
     */
    @SuppressWarnings("unchecked")
    List<Long> claim(List<Long> ids, String rulesVersion) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return ((List<Number>) em.createNativeQuery("insert into message_scan (message_id, rules_version, hit_count)"
                + " select unnest(cast(?1 as bigint[])), ?2, 0 on conflict do nothing returning message_id")
                .setParameter(1, ids.toArray(Long[]::new))
                .setParameter(2, rulesVersion)
                .getResultList()).stream().map(Number::longValue).toList();
    }

    void recordHits(long messageId, int hits) {
        em.createNativeQuery("update message_scan set hit_count = ?1 where message_id = ?2")
                .setParameter(1, hits).setParameter(2, messageId).executeUpdate();
    }

    long sweepCursor() {
        return ((Number) em.createNativeQuery("select last_message_id from scan_cursor where name = 'sweep'")
                .getSingleResult()).longValue();
    }

    void advanceSweepCursor(long lastMessageId) {
        em.createNativeQuery("update scan_cursor set last_message_id = greatest(last_message_id, ?1), updated_at = now()"
                + " where name = 'sweep'").setParameter(1, lastMessageId).executeUpdate();
    }

    long scannedCount() {
        return ((Number) em.createNativeQuery("select count(*) from message_scan").getSingleResult()).longValue();
    }
}
