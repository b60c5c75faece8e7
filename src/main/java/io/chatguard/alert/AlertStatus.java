package io.chatguard.alert;

import java.util.Locale;

/** Where an alert is in review. */
public enum AlertStatus {
    OPEN, CLAIMED, ESCALATED, CLOSED;

    /** As stored and shown: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AlertStatus of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
