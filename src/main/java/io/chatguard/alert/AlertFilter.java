package io.chatguard.alert;

import java.time.Instant;

/**
 * Which alerts to list. Null fields do not filter.
 *
 * @param kind rule_hit | seq_gap | recall
 * @param status open | claimed | escalated | closed
 * @param severity low | medium | high | critical
 * @param category compliance category
 * @param employee userid of the employee who sent the message
 * @param assignee reviewer holding the alert
 * @param ruleId rule id
 * @param conversationId conversation
 * @param from message time, inclusive
 * @param to message time, exclusive
 * @param sort {@code due} (oldest deadline first, the default) or {@code newest}
 * @param page zero-based page
 * @param size page size
 */
public record AlertFilter(String kind, String status, String severity, String category, String employee, String assignee,
        String ruleId, Long conversationId, Instant from, Instant to, String sort, int page, int size) {
}
