package io.chatguard.rules;

import java.util.List;

/**
 * The outcome of checking one text against one rules version.
 *
 * @param decision BLOCK if any hit blocks, else WARN if any warns, else PASS
 * @param hits every rule match, in text order
 * @param rulesVersion the rules version that decided
 */
public record RuleVerdict(Decision decision, List<RuleHit> hits, String rulesVersion) {
    public RuleVerdict {
        hits = List.copyOf(hits);
    }
}
