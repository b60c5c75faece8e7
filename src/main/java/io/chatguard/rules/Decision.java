package io.chatguard.rules;

/** What a check says about a message, strongest first. A rule's action is BLOCK or WARN. */
public enum Decision {
    BLOCK, WARN, PASS;

    /** The stronger of two decisions. */
    public Decision max(Decision other) {
        return ordinal() <= other.ordinal() ? this : other;
    }
}
