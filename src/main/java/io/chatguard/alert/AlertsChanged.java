package io.chatguard.alert;

import java.util.List;

/**
 * Fired inside the transaction that raises alerts on messages or moves one to another status, so what
 * observes it (the search index's facets) commits or rolls back with the change.
 *
 * @param messageIds the messages whose alerts changed; may repeat
 */
public record AlertsChanged(List<Long> messageIds) {
    public AlertsChanged {
        messageIds = List.copyOf(messageIds);
    }
}
