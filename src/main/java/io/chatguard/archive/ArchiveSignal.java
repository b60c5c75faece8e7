package io.chatguard.archive;

import java.time.Instant;

/**
 * A completeness or behaviour signal from ingestion.
 *
 * @param id signal id
 * @param kind {@code seq_gap} (archive seqs that never arrived) or {@code recall} (a sender withdrew a message)
 * @param source archive source
 * @param seqFrom first missing seq (gap), or the recall record's seq
 * @param seqTo last missing seq (gap)
 * @param msgid the recall record's msgid
 * @param preMsgid the msgid of the recalled message
 * @param sender who recalled
 * @param detectedAt when it was stored
 */
public record ArchiveSignal(long id, String kind, String source, Long seqFrom, Long seqTo, String msgid, String preMsgid,
        String sender, Instant detectedAt) {
}
