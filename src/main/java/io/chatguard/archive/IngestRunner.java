package io.chatguard.archive;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Runs pulls: on the configured schedule, and on request in the background. The service itself
 * refuses overlapping runs, so a scheduled and a manual run never pull at the same time.
 */
@ApplicationScoped
public class IngestRunner {
    private static final Logger LOG = Logger.getLogger(IngestRunner.class);

    private final ArchiveIngestService ingest;
    private final ExecutorService background = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("archive-pull").daemon().factory());

    IngestRunner(ArchiveIngestService ingest) {
        this.ingest = ingest;
    }

    @Scheduled(every = "{chatguard.archive.pull.every}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            IngestRun run = ingest.scheduledPull();
            if (run.batches() > 0 || !"caught_up".equals(run.outcome())) {
                LOG.infof("archive pull: %s", run);
            }
        } catch (RuntimeException e) {
            LOG.error("archive pull failed", e);
        }
    }

    void startPull() {
        background.submit(() -> {
            try {
                LOG.infof("archive pull (manual): %s", ingest.pull());
            } catch (RuntimeException e) {
                LOG.error("archive pull failed", e);
            }
        });
    }

    @PreDestroy
    void shutdown() {
        background.shutdownNow();
    }
}
