package io.chatguard.search;

import java.time.Instant;

/**
 * A rebuild of the index from PostgreSQL.
 *
 * @param requestedBy who started it
 * @param startedAt when
 * @param finishedAt when the walk reached the end, or null while it runs
 * @param indexed messages indexed so far
 * @param total messages in the archive when it started
 */
public record ReindexView(String requestedBy, Instant startedAt, Instant finishedAt, long indexed, long total) {
    ReindexView advanced(long more) {
        return new ReindexView(requestedBy, startedAt, finishedAt, indexed + more, total);
    }

    ReindexView finished(Instant at) {
        return new ReindexView(requestedBy, startedAt, at, indexed, total);
    }
}
