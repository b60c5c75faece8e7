package io.chatguard.alert;

import java.util.Locale;

/** How a closed alert was resolved. */
public enum Resolution {
    VIOLATION, FALSE_POSITIVE, NO_ACTION;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Resolution of(String label) {
        return label == null ? null : valueOf(label.toUpperCase(Locale.ROOT));
    }
}
