package io.chatguard.scan;

import java.util.List;

import io.chatguard.archive.MessageText;

/**
 * Fired inside each scan batch's transaction with every message the batch scanned for the first time,
 * hits or not (for sampling clean messages into review).
 *
 * @param messages the messages
 * @param rulesVersion the version they were scanned with
 * @param hitCounts rule hits per message, in the same order
 */
public record MessagesScanned(List<MessageText> messages, String rulesVersion, List<Integer> hitCounts) {
    public MessagesScanned {
        messages = List.copyOf(messages);
        hitCounts = List.copyOf(hitCounts);
    }
}
