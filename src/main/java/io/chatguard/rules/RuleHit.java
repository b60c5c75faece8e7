package io.chatguard.rules;

/**
 * One place where a rule matched a message.
 *
 * @param ruleId the rule's id, e.g. {@code guarantee_return.principal}
 * @param category compliance category id (domain.md §2)
 * @param severity rule severity, lower case
 * @param action BLOCK or WARN
 * @param matched the lexicon terms that fired, in canonical form ("保本", "配资…1比5")
 * @param start start of the match in the original text, in UTF-16 code units
 * @param end end (exclusive) of the match in the original text
 * @param original exactly what was typed there ("饱 本", "ｂａｏ本")
 * @param description why the rule exists, in Chinese, for the person who typed it
 */
public record RuleHit(String ruleId, String category, String severity, Decision action, String matched, int start,
        int end, String original, String description) {
}
