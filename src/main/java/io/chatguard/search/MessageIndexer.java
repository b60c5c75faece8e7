package io.chatguard.search;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.apache.lucene.document.Document;
import org.jboss.logging.Logger;

import io.chatguard.alert.AlertService;
import io.chatguard.alert.AlertsChanged;
import io.chatguard.archive.ArchiveService;
import io.chatguard.archive.MessageText;
import io.chatguard.archive.MessagesArchived;
import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.scan.FindingsRecorded;
import io.chatguard.scan.RescanBatch;
import io.chatguard.scan.ScanService;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Keeps the index current: new messages are indexed right after their batch commits, and a sweep walks
 * the archive behind the index's committed cursor, so a message whose indexing was lost (a crash, a full
 * queue) is indexed by the next sweep. A message whose findings or alerts change is queued in
 * {@link SearchOutbox} with the change and indexed again from there. A rebuild empties the index and lets
 * the sweep walk from the start.
 */
@ApplicationScoped
public class MessageIndexer {
    private static final Logger LOG = Logger.getLogger(MessageIndexer.class);

    private final SearchIndex index;
    private final SearchOutbox outbox;
    private final ArchiveService archive;
    private final ScanService scans;
    private final AlertService alerts;
    private final SearchConfig config;
    private final Clock clock;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("search-index").daemon().factory());
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicReference<ReindexView> rebuild = new AtomicReference<>();
    /**
     * Held from reading a batch from PostgreSQL until its documents are in the writer, so a document read
     * earlier never replaces one read later (by the sweep, the outbox drain and new-message indexing).
     */
    private final Object writes = new Object();
    private final Object draining = new Object();

    MessageIndexer(SearchIndex index, SearchOutbox outbox, ArchiveService archive, ScanService scans, AlertService alerts,
            SearchConfig config, Clock clock) {
        this.index = index;
        this.outbox = outbox;
        this.archive = archive;
        this.scans = scans;
        this.alerts = alerts;
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

    void onFindings(@Observes(during = TransactionPhase.AFTER_SUCCESS) FindingsRecorded recorded) {
        drainSoon();
    }

    void onRescan(@Observes(during = TransactionPhase.AFTER_SUCCESS) RescanBatch batch) {
        drainSoon();
    }

    void onAlerts(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertsChanged changed) {
        drainSoon();
    }

    /** One outbox drain after the configured delay, taking in whatever else changes meanwhile. */
    private void drainSoon() {
        if (drainScheduled.compareAndSet(false, true)) {
            worker.schedule(() -> {
                drainScheduled.set(false);
                try {
                    drainOutbox();
                } catch (RuntimeException e) {
                    LOG.errorf(e, "indexing changed findings and alerts failed; the outbox keeps them for the next drain");
                }
            }, config.outboxDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Indexes messages {@code ids} now and makes them searchable; the cursor is the sweep's business. */
    public void index(List<Long> ids) {
        for (int from = 0; from < ids.size(); from += config.batchSize()) {
            put(ids.subList(from, Math.min(ids.size(), from + config.batchSize())));
        }
        index.refresh();
    }

    /**
     * Indexes again every message queued in the outbox, commits the index and only then removes the
     * entries: a crash before the commit leaves them queued. Returns how many entries it drained.
     */
    public int drainOutbox() {
        synchronized (draining) {
            var drained = new ArrayList<Long>();
            long after = 0;
            boolean more = false;
            while (true) {
                if (drained.size() >= 20 * config.batchSize()) {
                    more = true; // commit what is done; a rescan can queue faster than one pass ends
                    break;
                }
                long from = after;
                List<SearchOutbox.Entry> entries = QuarkusTransaction.requiringNew()
                        .call(() -> outbox.oldest(from, config.batchSize()));
                if (entries.isEmpty()) {
                    break;
                }
                put(entries.stream().map(SearchOutbox.Entry::messageId).distinct().sorted().toList());
                entries.forEach(e -> drained.add(e.id()));
                after = entries.get(entries.size() - 1).id();
            }
            if (!drained.isEmpty()) {
                index.refresh();
                index.commit();
                for (int i = 0; i < drained.size(); i += config.batchSize()) {
                    List<Long> part = drained.subList(i, Math.min(drained.size(), i + config.batchSize()));
                    QuarkusTransaction.requiringNew().run(() -> outbox.remove(part));
                }
            }
            if (more) {
                drainSoon();
            }
            return drained.size();
        }
    }

    /**
     * Indexes every message stored before the settle time that lies above the cursor, moving the cursor
     * with each batch; returns how many it indexed.
     */
    public synchronized long sweep() {
        return walk(false);
    }

    /** The sweep; a rebuild's walk reports its progress as it goes. */
    private synchronized long walk(boolean rebuilding) {
        Instant settled = clock.instant().minus(config.settle());
        long indexed = 0;
        while (true) {
            long cursor = index.cursor();
            List<Long> ids = QuarkusTransaction.requiringNew().call(() -> archive.messageIdsAfter(cursor, settled,
                    config.batchSize()));
            if (ids.isEmpty()) {
                break;
            }
            put(ids);
            index.advanceCursor(ids.get(ids.size() - 1));
            indexed += ids.size();
            if (rebuilding) {
                rebuild.updateAndGet(r -> r.advanced(ids.size()));
            }
        }
        if (indexed > 0) {
            index.refresh();
        }
        return indexed;
    }

    /** Reads messages {@code ids} with their categories and alert statuses and puts their documents. */
    private void put(List<Long> ids) {
        synchronized (writes) {
            List<Document> documents = QuarkusTransaction.requiringNew().call(() -> {
                List<MessageText> texts = archive.texts(ids);
                List<Long> found = texts.stream().map(MessageText::id).toList();
                Map<Long, List<String>> categories = found.isEmpty() ? Map.of() : scans.categoriesOf(found);
                Map<Long, List<String>> statuses = found.isEmpty() ? Map.of() : alerts.statusesOf(found);
                return texts.stream().map(m -> MessageDocument.of(m, categories.getOrDefault(m.id(), List.of()),
                        statuses.getOrDefault(m.id(), List.of()))).toList();
            });
            index.put(documents);
        }
    }

    /**
     * Empties the index and rebuilds it from PostgreSQL in the background; progress through
     * {@link #rebuildStatus()}. One rebuild at a time: while one runs, another is refused.
     */
    public ReindexView reindex(String by) {
        ReindexView started = ReindexView.started(by, clock.instant(), archive.extentOf(null, null).count());
        ReindexView previous = rebuild.getAndUpdate(r -> r == null || !r.running() ? started : r);
        if (previous != null && previous.running()) {
            throw new ChatGuardException(ProblemType.CONFLICT, "a rebuild started by " + previous.requestedBy() + " at "
                    + previous.startedAt() + " is running (" + previous.indexed() + " of " + previous.total() + " messages)");
        }
        worker.submit(() -> {
            try {
                synchronized (this) {
                    index.clear();
                    walk(true);
                    // Messages younger than the settle time: the cursor waits for them, searches need not.
                    List<Long> recent = QuarkusTransaction.requiringNew().call(() -> archive.messageIdsAfter(index.cursor(),
                            clock.instant(), Integer.MAX_VALUE));
                    index(recent);
                    rebuild.updateAndGet(r -> r.advanced(recent.size()).finished(clock.instant()));
                }
                index.commit();
            } catch (RuntimeException e) {
                LOG.errorf(e, "reindex failed; the scheduled sweep carries on from the cursor");
                rebuild.updateAndGet(r -> r.running() ? r.failed(clock.instant(), String.valueOf(e.getMessage())) : r);
            }
        });
        return started;
    }

    /** The rebuild running now, or null. */
    ReindexView runningRebuild() {
        ReindexView r = rebuild.get();
        return r != null && r.running() ? r : null;
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
