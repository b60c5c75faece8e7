package io.chatguard.evidence;

import java.time.OffsetDateTime;

/**
 * A record of a source table as the ledger sees it.
 *
 * @param ref the ledger reference, unique across sources
 * @param contentSha256 SHA-256 of its content (for rows, of {@link LedgerSource#canonical} of its columns)
 * @param content for rows, that canonical JSON; null for records that are objects
 * @param time its time column, for the cursor
 * @param id its id, for the cursor
 */
record SourceRecord(String ref, String contentSha256, String content, OffsetDateTime time, long id) {
}
