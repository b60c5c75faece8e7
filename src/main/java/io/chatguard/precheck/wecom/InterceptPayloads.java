package io.chatguard.precheck.wecom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.hankcs.hanlp.HanLP;

/**
 * Builds WeCom intercept-rule payloads from ChatGuard's plain block terms, within WeCom's limits.
 *
 * <p>WeCom matches plain substrings, so only terms that are safe without context go there (rules opt in
 * with {@code intercept: true}); each term is sent as written and in traditional characters, since
 * WeCom does no folding of its own. Pure and thread-safe.
 */
public final class InterceptPayloads {
    static final int MAX_RULES = 100;
    static final int MAX_WORDS = 300;
    static final int MAX_WORD_LENGTH = 32;
    static final int MAX_NAME_LENGTH = 20;

    /** Short Chinese names, so rule names fit WeCom's 20 chars. */
    private static final Map<String, String> NAMES = Map.of(
            "guarantee_return", "承诺保本保收益", "insider_info", "内幕消息", "stock_tip", "荐股",
            "discretionary_trading", "代客操作", "private_dealing", "私下交易飞单", "kickback", "返佣回扣",
            "pii_leak", "个人信息", "illegal_leverage", "场外配资", "absolute_claims", "绝对化用语");

    private InterceptPayloads() {
    }

    /**
     * @param rulesVersion version the terms come from
     * @param termsByRule plain terms by rule id ({@code <category>.<name>})
     * @param range who the rules apply to
     * @param interceptType 1 warn and block, 2 warn only
     */
    public static InterceptExport build(String rulesVersion, Map<String, List<String>> termsByRule,
            InterceptRulePayload.Range range, int interceptType) {
        var byCategory = new LinkedHashMap<String, Set<String>>();
        var seen = new java.util.HashSet<String>();
        var skipped = new ArrayList<InterceptExport.Skipped>();
        termsByRule.forEach((ruleId, terms) -> {
            String category = ruleId.contains(".") ? ruleId.substring(0, ruleId.indexOf('.')) : ruleId;
            for (String term : terms) {
                for (String word : variants(term.strip())) {
                    if (word.isEmpty() || word.length() > MAX_WORD_LENGTH) {
                        skipped.add(new InterceptExport.Skipped(ruleId, word, "WeCom words are 1 to 32 characters"));
                    } else if (seen.add(word.toLowerCase(Locale.ROOT))) {
                        byCategory.computeIfAbsent(category, c -> new LinkedHashSet<>()).add(word);
                    }
                }
            }
        });
        var rules = new ArrayList<InterceptRulePayload>();
        boolean truncated = false;
        int words = 0;
        for (var entry : byCategory.entrySet()) {
            List<String> list = List.copyOf(entry.getValue());
            int parts = (list.size() + MAX_WORDS - 1) / MAX_WORDS;
            for (int p = 0; p < parts; p++) {
                if (rules.size() == MAX_RULES) {
                    truncated = true;
                    break;
                }
                List<String> chunk = list.subList(p * MAX_WORDS, Math.min(list.size(), (p + 1) * MAX_WORDS));
                rules.add(new InterceptRulePayload(name(entry.getKey(), p, parts), chunk, interceptType, range));
                words += chunk.size();
            }
        }
        return new InterceptExport(rulesVersion, rules, words, skipped, truncated);
    }

    private static List<String> variants(String term) {
        String traditional = HanLP.convertToTraditionalChinese(term);
        return traditional.equals(term) ? List.of(term) : List.of(term, traditional);
    }

    private static String name(String category, int part, int parts) {
        String base = "ChatGuard" + NAMES.getOrDefault(category, category);
        String suffix = parts > 1 ? "-" + (part + 1) : "";
        int room = MAX_NAME_LENGTH - suffix.length();
        return (base.length() > room ? base.substring(0, room) : base) + suffix;
    }
}
