package io.chatguard.archive;

import java.util.List;

/**
 * Fired after a batch of new messages has been committed, for scanning and indexing.
 *
 * @param messageIds ids of the newly stored messages
 */
public record MessagesArchived(List<Long> messageIds) {
    public MessagesArchived {
        messageIds = List.copyOf(messageIds);
    }
}
