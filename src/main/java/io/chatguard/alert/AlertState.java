package io.chatguard.alert;

import java.util.List;

/**
 * The reviewable state of an alert, as recorded before and after every event.
 *
 * @param status review status
 * @param assignee who holds it, or null
 * @param resolution set only when closed
 * @param tags reviewer tags
 */
record AlertState(AlertStatus status, String assignee, Resolution resolution, List<String> tags) {
    AlertState {
        tags = List.copyOf(tags);
    }
}
