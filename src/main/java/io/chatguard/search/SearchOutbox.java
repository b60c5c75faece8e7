package io.chatguard.search;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import io.chatguard.alert.AlertsChanged;
import io.chatguard.scan.FindingRecord;
import io.chatguard.scan.FindingsRecorded;
import io.chatguard.scan.RescanBatch;

/**
 * Messages whose facets (categories hit, alert statuses) changed and must be indexed again. A message is
 * queued inside the transaction that changes its findings or alerts, so the queue and the change commit
 * together; {@link MessageIndexer} removes an entry only once an index commit holds the change.
 */
@ApplicationScoped
class SearchOutbox {
    /** An entry: its id and the message to index again. */
    record Entry(long id, long messageId) {
    }

    private final EntityManager em;

    SearchOutbox(EntityManager em) {
        this.em = em;
    }

    void onFindings(@Observes FindingsRecorded recorded) {
        enqueue(recorded.findings().stream().map(FindingRecord::messageId).toList());
    }

    void onRescan(@Observes RescanBatch batch) {
        enqueue(batch.messages().stream().map(m -> m.message().id()).toList());
    }

    void onAlerts(@Observes AlertsChanged changed) {
        enqueue(changed.messageIds());
    }

    /** Queues {@code messageIds} in the caller's transaction. */
    void enqueue(List<Long> messageIds) {
        Long[] ids = messageIds.stream().distinct().toArray(Long[]::new);
        if (ids.length > 0) {
            em.createNativeQuery("insert into search_outbox (message_id) select unnest(cast(?1 as bigint[]))")
                    .setParameter(1, ids).executeUpdate();
        }
    }

    /** The first {@code limit} entries after entry {@code afterId}, in id order. */
    @SuppressWarnings("unchecked")
    List<Entry> oldest(long afterId, int limit) {
        List<Object[]> rows = em.createNativeQuery("select id, message_id from search_outbox where id > ?1 order by id limit ?2")
                .setParameter(1, afterId).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), ((Number) r[1]).longValue())).toList();
    }

    void remove(List<Long> entryIds) {
        if (!entryIds.isEmpty()) {
            em.createNativeQuery("delete from search_outbox where id = any(?1)")
                    .setParameter(1, entryIds.toArray(Long[]::new)).executeUpdate();
        }
    }

}
