package io.chatguard.archive;

import java.util.List;

/**
 * What a stored batch changed.
 *
 * @param stored new messages
 * @param duplicates messages that were already archived (same msgid)
 * @param quarantined records quarantined
 * @param media media files stored
 * @param mediaFailed media files that could not be fetched or verified
 * @param storedMessageIds ids of the new messages, for scanning and indexing
 */
record StoreResult(int stored, int duplicates, int quarantined, int media, int mediaFailed,
        List<Long> storedMessageIds) {
}
