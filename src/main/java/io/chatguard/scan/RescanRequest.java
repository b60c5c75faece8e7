package io.chatguard.scan;

import java.time.Instant;

/**
 * Which messages to rescan, by message time; both bounds optional (default: the whole archive).
 *
 * @param from inclusive
 * @param to exclusive
 */
public record RescanRequest(Instant from, Instant to) {
}
