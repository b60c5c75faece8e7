package io.chatguard.evidence;

import java.time.Instant;
import java.util.List;

/**
 * A run of the ledger verification.
 *
 * @param id run id
 * @param requestedBy who asked for it
 * @param startedAt when
 * @param finishedAt when it ended, or null while it runs
 * @param status {@code running}, {@code passed}, {@code failed} (breaks found) or {@code error} (could not finish)
 * @param objectPercent share of evidence objects re-hashed
 * @param totalEntries ledger entries when it started
 * @param entriesChecked entries checked so far
 * @param objectsRehashed evidence objects read back and hashed so far
 * @param breaks what does not verify, in ledger order (at most the first 1 000)
 * @param error why it could not finish, or null
 */
public record VerificationView(long id, String requestedBy, Instant startedAt, Instant finishedAt, String status,
        int objectPercent, long totalEntries, long entriesChecked, long objectsRehashed, List<Break> breaks, String error) {
    public VerificationView {
        breaks = List.copyOf(breaks);
    }

    /**
     * One thing that does not verify.
     *
     * @param seq the ledger entry concerned, or null
     * @param ref the record or object concerned (ledger ref, or an anchor's key)
     * @param problem what is wrong
     * @param expected what the ledger (or anchor) says
     * @param found what is there now
     */
    public record Break(Long seq, String ref, String problem, String expected, String found) {
    }
}
