package io.chatguard.archive;

import java.util.List;

/**
 * Outcome of a JSON Lines import.
 *
 * @param imported new messages stored
 * @param duplicates lines whose msgid was already archived
 * @param rejected lines that were not stored, with the reason; they are quarantined, and the upload is
 *        kept whole as an evidence object
 */
public record ImportResult(int imported, int duplicates, List<RejectedLine> rejected) {
    public ImportResult {
        rejected = List.copyOf(rejected);
    }

    /**
     * @param line 1-based line number in the upload
     * @param error why the line was rejected
     */
    public record RejectedLine(int line, String error) {
    }
}
