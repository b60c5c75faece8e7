package io.chatguard.archive;

/**
 * What one pull run did.
 *
 * @param outcome {@code caught_up}, {@code batch_limit}, {@code already_running}, {@code not_leader},
 *        {@code stopped} (fatal error) or {@code gave_up} (transient errors persisted)
 * @param batches batches committed
 * @param stored new messages
 * @param duplicates already-archived messages seen again
 * @param quarantined records quarantined
 * @param lastSeq cursor after the run
 */
public record IngestRun(String outcome, int batches, long stored, long duplicates, long quarantined, long lastSeq) {
}
