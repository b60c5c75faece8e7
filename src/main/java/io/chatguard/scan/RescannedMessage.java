package io.chatguard.scan;

import java.util.List;

import io.chatguard.archive.MessageText;

/**
 * A message as a rescan found it: every rule hit under the rescan's rules version (empty when none
 * matches any more).
 *
 * @param message the message
 * @param hits its findings under the new version, in text order
 */
public record RescannedMessage(MessageText message, List<FindingRecord> hits) {
    public RescannedMessage {
        hits = List.copyOf(hits);
    }
}
