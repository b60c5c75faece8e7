package io.chatguard.scan;

import java.util.List;

/**
 * Fired inside each rescan batch's transaction, so what observers change (alerts raised, alerts marked
 * as no longer matching) commits with the job's cursor. Observers add what they did to {@code tally}.
 *
 * @param jobId the rescan job
 * @param rulesVersion the version the batch was checked with
 * @param messages the messages of the batch whose hits changed (or whose last scan is not known), each with
 *     its current findings, possibly none; messages whose hits the new rules left as they were are not here
 * @param tally counts observers report back
 */
public record RescanBatch(long jobId, String rulesVersion, List<RescannedMessage> messages, Tally tally) {
    public RescanBatch {
        messages = List.copyOf(messages);
    }

    /** What observers did with one batch. Confined to the batch's thread. */
    public static final class Tally {
        int newAlerts;
        int unmatchedAlerts;
        int rematchedAlerts;

        public void newAlert() {
            newAlerts++;
        }

        public void unmatched() {
            unmatchedAlerts++;
        }

        public void rematched() {
            rematchedAlerts++;
        }
    }
}
