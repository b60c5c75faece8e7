package io.chatguard.archive;

/**
 * The messages of a time period, counted, with the ids they span.
 *
 * @param count how many messages were sent in the period
 * @param firstId lowest id among them; 0 when there are none
 * @param lastId highest id among them; 0 when there are none
 */
public record PeriodExtent(long count, long firstId, long lastId) {
}
