package io.chatguard.archive;

import java.time.Duration;

/** Exponential back-off between attempts: initial, doubled each attempt, capped. */
record Backoff(Duration initial, Duration max) {

    Duration delay(int attempt) {
        long millis = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    void pause(int attempt) {
        try {
            Thread.sleep(delay(attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
