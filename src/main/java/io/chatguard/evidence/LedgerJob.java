package io.chatguard.evidence;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Keeps the ledger up with its sources and anchors its head. */
@ApplicationScoped
class LedgerJob {
    private static final Logger LOG = Logger.getLogger(LedgerJob.class);
    private final EvidenceLedger ledger;

    LedgerJob(EvidenceLedger ledger) {
        this.ledger = ledger;
    }

    @Scheduled(every = "{chatguard.evidence.ledger-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void append() {
        try {
            long n = ledger.append();
            if (n > 0) {
                LOG.debugf("appended %d ledger entries", n);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "appending to the evidence ledger failed; the next run carries on from the cursors");
        }
    }

    @Scheduled(every = "{chatguard.evidence.anchor-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void anchor() {
        try {
            ledger.anchor();
        } catch (RuntimeException e) {
            LOG.errorf(e, "anchoring the evidence ledger failed; the next run retries");
        }
    }
}
