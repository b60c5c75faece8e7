package io.chatguard.search;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.chatguard.archive.ArchiveService;
import io.chatguard.archive.MessageText;
import io.chatguard.archive.MessagesArchived;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Keeps the index current: new messages are indexed right after their batch commits, and a sweep walks
 * the archive behind the index's committed cursor, so a message whose indexing was lost (a crash, a full
 * queue) is indexed by the next sweep. A rebuild empties the index and lets the sweep walk from the start.
 */
@ApplicationScoped
public class MessageIndexer {
    private static final Logger LOG = Logger.getLogger(MessageIndexer.class);

    private final SearchIndex index;
    private final ArchiveService archive;
    private final SearchConfig config;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("search-index").daemon().factory());
    private final AtomicReference<ReindexView> rebuild = new AtomicReference<>();

    MessageIndexer(SearchIndex index, ArchiveService archive, SearchConfig config, Clock clock) {
        this.index = index;
        this.archive = archive;
        this.config = config;
        this.clock = clock;
    }

    void onArchived(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagesArchived batch) {
        worker.submit(() -> {
            try {
                index(batch.messageIds());
            } catch (RuntimeException e) {
                LOG.errorf(e, "indexing %d new messages failed; the sweep will index them", batch.messageIds().size());
            }
        });
    }

    /** Indexes messages {@code ids} now and makes them searchable; the cursor is the sweep's business. */
    public void index(List<Long> ids) {
        for (int from = 0; from < ids.size(); from += config.batchSize()) {
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + config.batchSize()));
            List<MessageText> texts = QuarkusTransaction.requiringNew().call(() -> archive.texts(part));
            index.put(texts.stream().map(MessageDocument::of).toList());
        }
        index.refresh();
    }

    /**
     * Indexes every message stored before the settle time that lies above the cursor, moving the cursor
     * with each batch; returns how many it indexed.
     */
    public synchronized long sweep() {
        Instant settled = clock.instant().minus(config.settle());
        long indexed = 0;
        while (true) {
            long cursor = index.cursor();
            List<MessageText> texts = QuarkusTransaction.requiringNew().call(() -> {
                List<Long> ids = archive.messageIdsAfter(cursor, settled, config.batchSize());
                return ids.isEmpty() ? List.<MessageText>of() : archive.texts(ids);
            });
            if (texts.isEmpty()) {
                break;
            }
            index.put(texts.stream().map(MessageDocument::of).toList());
            index.advanceCursor(texts.get(texts.size() - 1).id());
            indexed += texts.size();
            rebuild.updateAndGet(r -> r == null || r.finishedAt() != null ? r : r.advanced(texts.size()));
        }
        if (indexed > 0) {
            index.refresh();
        }
        rebuild.updateAndGet(r -> r == null || r.finishedAt() != null ? r : r.finished(clock.instant()));
        return indexed;
    }

    /** Empties the index and rebuilds it from PostgreSQL in the background; progress through {@link #rebuildStatus()}. */
    public ReindexView reindex(String by) {
        ReindexView started = new ReindexView(by, clock.instant(), null, 0, archive.extentOf(null, null).count());
        synchronized (this) {
            index.clear();
            rebuild.set(started);
        }
        worker.submit(() -> {
            try {
                sweep();
                index.commit();
            } catch (RuntimeException e) {
                LOG.errorf(e, "reindex failed; the scheduled sweep carries on from the cursor");
            }
        });
        return started;
    }

    /** The last rebuild, or null when none ran in this process. */
    public ReindexView rebuildStatus() {
        return rebuild.get();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
