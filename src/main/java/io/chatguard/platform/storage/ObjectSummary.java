package io.chatguard.platform.storage;

import java.time.Instant;

/**
 * One entry of a prefix listing. Listings do not carry the recorded hash; {@link EvidenceStore#stat}
 * does.
 *
 * @param key object key inside the bucket
 * @param size content length in bytes
 * @param lastModified time the store reports for the write
 */
public record ObjectSummary(String key, long size, Instant lastModified) {
}
