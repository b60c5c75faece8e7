package io.chatguard.archive;

import java.time.Instant;
import java.util.Set;

/**
 * State of archive ingestion for one source.
 *
 * @param source archive source name
 * @param state {@code idle}, {@code running}, {@code disabled} (no archive configured) or {@code stopped} (a fatal error stopped scheduled pulls
 *        until an administrator starts a run again)
 * @param lastSeq seq up to which every record is accounted for
 * @param stored messages stored
 * @param duplicates records whose msgid was already archived
 * @param quarantined records quarantined
 * @param media media files stored
 * @param mediaFailed media files that could not be fetched or verified
 * @param lastBatchAt when the last batch committed
 * @param lastError last error, or null
 * @param lastErrorAt when it happened
 * @param keyVersions private-key versions available for decryption
 */
public record IngestStatus(String source, String state, long lastSeq, long stored, long duplicates, long quarantined,
        long media, long mediaFailed, Instant lastBatchAt, String lastError, Instant lastErrorAt,
        Set<Integer> keyVersions) {
}
