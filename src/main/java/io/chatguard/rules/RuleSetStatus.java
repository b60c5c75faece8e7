package io.chatguard.rules;

import java.time.Instant;
import java.util.Map;

/**
 * What rules are in force and how the last reload went.
 *
 * @param version the version in force
 * @param rules number of rules
 * @param terms distinct lexicon terms
 * @param files SHA-256 of each rule file and lexicon
 * @param loadedAt when this version was published
 * @param lastError the last rejected reload ({@code file: place: problem}), or null when the last reload succeeded
 * @param lastErrorAt when it was rejected
 */
public record RuleSetStatus(String version, int rules, int terms, Map<String, String> files, Instant loadedAt,
        String lastError, Instant lastErrorAt) {
}
