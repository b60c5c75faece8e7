package io.chatguard.scan;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Triggers the sweep for messages stored but not yet scanned. */
@ApplicationScoped
class ScanJob {
    private static final Logger LOG = Logger.getLogger(ScanJob.class);
    private final ScanService scans;

    ScanJob(ScanService scans) {
        this.scans = scans;
    }

    @Scheduled(every = "{chatguard.scan.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        try {
            ScanResult r = scans.sweep();
            if (r.scanned() > 0) {
                LOG.infof("sweep scanned %d messages, %d findings", r.scanned(), r.findings());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "scan sweep failed; it runs again on the next trigger");
        }
    }
}
