package io.chatguard.archive.message;

/** A decrypted record that cannot be stored as a message; it is quarantined with this reason. */
public class MessageParseException extends Exception {
    private final String reason;

    /**
     * @param reason short stable code such as {@code invalid_json} or {@code missing_msgid}
     * @param detail human-readable explanation
     */
    public MessageParseException(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
