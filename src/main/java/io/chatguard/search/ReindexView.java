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
 * @param error why it stopped early, or null; the scheduled sweep carries on from the index's cursor
 */
public record ReindexView(String requestedBy, Instant startedAt, Instant finishedAt, long indexed, long total, String error) {
    static ReindexView started(String by, Instant at, long total) {
        return new ReindexView(by, at, null, 0, total, null);
    }

    boolean running() {
        return finishedAt == null;
    }

    ReindexView advanced(long more) {
        return new ReindexView(requestedBy, startedAt, finishedAt, indexed + more, total, error);
    }

    ReindexView finished(Instant at) {
        return new ReindexView(requestedBy, startedAt, at, indexed, total, error);
    }

    ReindexView failed(Instant at, String why) {
        return new ReindexView(requestedBy, startedAt, at, indexed, total, why);
    }
}
