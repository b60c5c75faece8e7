package io.chatguard.precheck.wecom;

import java.util.List;

/**
 * ChatGuard's hard-block terms as WeCom intercept rules.
 *
 * @param rulesVersion the ChatGuard rules version the terms come from
 * @param rules payloads for add_intercept_rule, at most 100 (WeCom's per-corp limit)
 * @param words how many words the payloads carry
 * @param skipped terms that cannot go to WeCom, with the reason
 * @param truncated true when more than 100 rules would have been needed
 */
public record InterceptExport(String rulesVersion, List<InterceptRulePayload> rules, int words, List<Skipped> skipped,
        boolean truncated) {

    public InterceptExport {
        rules = List.copyOf(rules);
        skipped = List.copyOf(skipped);
    }

    /**
     * A term left out.
     *
     * @param ruleId the ChatGuard rule it belongs to
     * @param term the term
     * @param reason why WeCom cannot take it
     */
    public record Skipped(String ruleId, String term, String reason) {
    }
}
