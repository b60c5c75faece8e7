package io.chatguard.archive;

import java.util.List;
import java.util.OptionalLong;

import io.chatguard.archive.message.MediaRef;
import io.chatguard.archive.message.ParsedMessage;

/**
 * Everything one ingest or import batch writes to PostgreSQL, in one transaction.
 *
 * @param source archive source name (corp id, {@code simulator}) or {@code import}
 * @param origin {@code archive} or {@code import}
 * @param messages messages with their evidence and media
 * @param quarantined records that did not become messages
 * @param gaps seq ranges missing from the archive's answer
 * @param cursor the seq the source's cursor moves to, empty for imports
 */
record StoreBatch(String source, String origin, List<MessageToStore> messages, List<QuarantineEntry> quarantined,
        List<SeqGap> gaps, OptionalLong cursor) {

    StoreBatch {
        messages = List.copyOf(messages);
        quarantined = List.copyOf(quarantined);
        gaps = List.copyOf(gaps);
    }

    /**
     * @param seq archive seq, null for imports
     */
    record MessageToStore(ParsedMessage message, Long seq, List<EvidenceSlice> evidence, List<StoredMedia> media) {
        MessageToStore {
            evidence = List.copyOf(evidence);
            media = List.copyOf(media);
        }
    }

    /** A slice of a batch evidence object holding one message's record. */
    record EvidenceSlice(String kind, String objectKey, long offset, int length, String sha256) {
    }

    /** Outcome of downloading one media file. */
    record StoredMedia(MediaRef ref, String objectKey, String sha256, long size, boolean stored, int attempts,
            String error) {
    }

    /**
     * @param record the record exactly as received (encrypted entry or import line)
     */
    record QuarantineEntry(Long seq, Integer lineNumber, String msgid, Integer publickeyVer, String reason,
            String detail, String record, String evidenceKey) {
    }

    /** Seqs {@code from..to} (inclusive) that the archive skipped. */
    record SeqGap(long from, long to) {
    }
}
