package io.chatguard.scan;

import java.time.Duration;
import java.time.Instant;

/**
 * A rescan job's progress and diff.
 *
 * @param id job id
 * @param status running | done | failed | cancelled
 * @param rulesVersion version the job started with
 * @param from message time, inclusive (null: from the start)
 * @param to message time, exclusive (null: to the end)
 * @param total messages in the range when the job started
 * @param done messages rescanned so far
 * @param perSecond messages per second since the job last (re)started
 * @param etaSeconds seconds left at that rate, or null when unknown or finished
 * @param changedMessages messages whose hits the rules in force changed (findings added or retired)
 * @param newAlerts alerts raised for (message, rule) pairs that had none
 * @param unmatchedAlerts alerts whose rule no longer matches their message (marked, not deleted)
 * @param rematchedAlerts marked alerts whose rule matches again
 * @param requestedBy who started it
 * @param startedAt when
 * @param finishedAt when it ended, or null
 * @param error why it failed, or null
 */
public record RescanView(long id, String status, String rulesVersion, Instant from, Instant to, long total, long done,
        double perSecond, Long etaSeconds, long changedMessages, long newAlerts, long unmatchedAlerts, long rematchedAlerts,
        String requestedBy, Instant startedAt, Instant finishedAt, String error) {

    static RescanView of(RescanJob j, Instant now) {
        Instant since = j.resumedAt != null ? j.resumedAt : j.startedAt;
        Instant until = j.finishedAt != null ? j.finishedAt : now;
        double seconds = Math.max(0.001, Duration.between(since, until).toMillis() / 1000.0);
        double rate = (j.done - j.doneAtResume) / seconds;
        Long eta = !"running".equals(j.status) || rate <= 0 ? null : (long) Math.ceil(Math.max(0, j.total - j.done) / rate);
        return new RescanView(j.id, j.status, j.rulesVersion, j.from, j.to, j.total, j.done, Math.round(rate * 10) / 10.0,
                eta, j.changedMessages, j.newAlerts, j.unmatchedAlerts, j.rematchedAlerts, j.requestedBy, j.startedAt, j.finishedAt, j.error);
    }
}
