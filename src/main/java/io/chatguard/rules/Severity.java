package io.chatguard.rules;

import java.util.Locale;

/** How serious a rule's violation is; drives alert SLAs. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** Lower-case name as used in rule files, JSON and the database. */
    public String label() {
        return label;
    }
}
