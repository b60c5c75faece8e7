package io.chatguard.search;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the index fresh, durable and complete. Like every scheduled job here, it skips runs while the
 * application is stopping: a run then would create the index anew after it was closed, and the new
 * writer's lock would outlive the application.
 */
@ApplicationScoped
class SearchJob {
    private static final Logger LOG = Logger.getLogger(SearchJob.class);
    private final SearchIndex index;
    private final MessageIndexer indexer;

    SearchJob(SearchIndex index, MessageIndexer indexer) {
        this.index = index;
        this.indexer = indexer;
    }

    @Scheduled(every = "{chatguard.search.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        try {
            long n = indexer.sweep();
            if (n > 0) {
                LOG.infof("indexed %d messages behind the cursor", n);
            }
            // Entries whose drain was lost (a crash after their transaction committed).
            int changed = indexer.drainOutbox();
            if (changed > 0) {
                LOG.infof("indexed %d changes to findings and alerts from the outbox", changed);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "index sweep failed; it runs again on the next trigger");
        }
    }

    @Scheduled(every = "{chatguard.search.refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            index.maybeRefresh();
        } catch (RuntimeException e) {
            LOG.errorf(e, "search index refresh failed");
        }
    }

    @Scheduled(every = "{chatguard.search.commit-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void commit() {
        try {
            index.commit();
        } catch (RuntimeException e) {
            LOG.errorf(e, "search index commit failed; the next one retries");
        }
    }
}
