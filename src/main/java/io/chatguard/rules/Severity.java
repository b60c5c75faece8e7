package io.chatguard.rules;

import java.util.Locale;

/** How serious a rule's violation is; drives alert SLAs. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** Lower-case name as used in rule files, JSON and the database. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
