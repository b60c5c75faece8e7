package io.chatguard.archive;

import io.chatguard.archive.message.ParsedMessage;

/** What became of one archive record: a message, or a quarantined record with a reason. */
sealed interface RecordOutcome {

    ChatDataRecord record();

    /**
     * @param decryptedJson the text DecryptData returned, verbatim (evidence)
     * @param message the parsed message
     */
    record Decoded(ChatDataRecord record, String decryptedJson, ParsedMessage message) implements RecordOutcome {
    }

    /**
     * @param reason stable code, such as {@code unknown_key_version}
     * @param detail explanation for the operator; never contains key material
     */
    record Quarantined(ChatDataRecord record, String reason, String detail) implements RecordOutcome {
    }
}
