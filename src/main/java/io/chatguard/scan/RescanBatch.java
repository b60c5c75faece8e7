package io.chatguard.scan;

import java.util.List;

/**
 * Fired inside each rescan batch's transaction, so what observers change (alerts raised, alerts marked
 * as no longer matching) commits with the job's cursor. Observers add what they did to {@code tally}.
 *
 * @param jobId the rescan job
 * @param rulesVersion the version the batch was checked with
 * @param messages every message of the batch, with or without hits
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
