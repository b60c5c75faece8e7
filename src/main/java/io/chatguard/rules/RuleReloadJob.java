package io.chatguard.rules;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Hot reload: checks the rules directory for changed files on a schedule. */
@ApplicationScoped
class RuleReloadJob {
    private static final Logger LOG = Logger.getLogger(RuleReloadJob.class);

    private final RuleService rules;

    RuleReloadJob(RuleService rules) {
        this.rules = rules;
    }

    @Scheduled(every = "{chatguard.rules.reload.every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        try {
            rules.reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.error("rules reload check failed", e);
        }
    }
}
