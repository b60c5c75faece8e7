package io.chatguard.rules.eval;

import io.chatguard.rules.Decision;

/**
 * One line of a labelled corpus ({@code rules/tests/*.jsonl}, {@code shared/corpus/dev.jsonl}).
 *
 * @param id line id
 * @param text the message
 * @param expect the decision it should get
 * @param category the violation category, or {@code clean}
 * @param evasion the evasion used, or {@code none}
 * @param note why it is labelled so; {@code HN:} marks a hard negative
 */
public record LabelledMessage(String id, String text, Decision expect, String category, String evasion, String note) {

    public boolean violation() {
        return expect != Decision.PASS;
    }

    public boolean evasive() {
        return violation() && evasion != null && !"none".equals(evasion);
    }

    public boolean hardNegative() {
        return !violation() && note != null && note.startsWith("HN");
    }
}
