package io.chatguard.alert;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Turns ingestion signals (seq gaps, recalls) into alerts on a schedule. */
@ApplicationScoped
class AlertJob {
    private static final Logger LOG = Logger.getLogger(AlertJob.class);
    private final AlertService alerts;

    AlertJob(AlertService alerts) {
        this.alerts = alerts;
    }

    @Scheduled(every = "{chatguard.alert.signal-sweep-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void signals() {
        try {
            int raised = alerts.raiseFromSignals();
            if (raised > 0) {
                LOG.infof("raised %d alerts from ingestion signals", raised);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "signal alerts failed; they are retried on the next trigger");
        }
    }
}
