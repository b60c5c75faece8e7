package io.chatguard.evidence;

import java.time.OffsetDateTime;

/**
 * A record of a source table as the ledger sees it.
 *
 * @param ref the ledger reference, unique across sources
 * @param contentSha256 SHA-256 of its content (for rows, of {@link LedgerSource#canonical} of its columns)
 * @param time its time column, for the cursor
 * @param id its id, for the cursor
 */
record SourceRecord(String ref, String contentSha256, OffsetDateTime time, long id) {
}
