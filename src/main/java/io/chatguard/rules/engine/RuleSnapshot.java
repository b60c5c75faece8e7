package io.chatguard.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.chatguard.rules.Decision;
import io.chatguard.rules.RuleHit;
import io.chatguard.rules.RuleVerdict;
import io.chatguard.rules.text.NormalizedText;
import io.chatguard.rules.text.Normalizer;

/**
 * Every enabled rule of one rules version, compiled. Immutable and safe to share across threads;
 * each checking thread brings its own {@link MatchContext}.
 *
 * <p>NOTE: never modify the automaton or rules after construction; compile a new snapshot instead.
 */
public final class RuleSnapshot {
    private static final java.util.Comparator<RuleHit> BY_POSITION =
            java.util.Comparator.comparingInt(RuleHit::start).thenComparing(RuleHit::ruleId);
    private final String version;
    private final Map<String, String> fileHashes;
    private final List<CompiledRule> rules;
    private final Normalizer normalizer;
    private final TermTable terms;
    private final RuleMatcher matcher;
    private final CandidateIndex candidates;
    /** Rules evaluated whenever a message holds a long number, or always (regex). */
    private final int[] numberRules;
    private final int[] regexRules;

    RuleSnapshot(String version, Map<String, String> fileHashes, List<CompiledRule> rules, Normalizer normalizer,
            TermTable terms, RuleMatcher matcher, CandidateIndex candidates) {
        this.version = version;
        this.fileHashes = Map.copyOf(fileHashes);
        this.rules = List.copyOf(rules);
        this.normalizer = normalizer;
        this.terms = terms;
        this.matcher = matcher;
        this.candidates = candidates;
        this.numberRules = rules.stream().filter(CompiledRule::numbers).mapToInt(CompiledRule::index).toArray();
        this.regexRules = rules.stream().filter(CompiledRule::regex).mapToInt(CompiledRule::index).toArray();
    }

    /** Content-derived version, e.g. {@code r-3f2a9c1b04de}. */
    public String version() {
        return version;
    }

    /** SHA-256 of each source file by name. */
    public Map<String, String> fileHashes() {
        return fileHashes;
    }

    public int ruleCount() {
        return rules.size();
    }

    /** Distinct lexicon terms across all rules. */
    public int termCount() {
        return terms.size();
    }

    /**
     * Every lexicon term as the rule files wrote it (mustAny, context, exception and allow terms
     * alike), in first-use order. One display text may stand for several {@link #termCount() terms}
     * that differ only in matching mode (exact or fuzzy). For benchmarks and exports.
     */
    public java.util.Set<String> lexiconTerms() {
        var out = new java.util.LinkedHashSet<String>();
        for (int i = 0; i < terms.size(); i++) {
            out.add(terms.term(i).display());
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    /** Describes every rule, in file order. */
    public List<RuleInfo> rules() {
        return rules.stream().map(RuleInfo::of).toList();
    }

    /**
     * Checks {@code text}. The context is scratch owned by the calling thread.
     */
    public RuleVerdict check(String text, MatchContext ctx) {
        ctx.reset(rules.size(), terms.nodeCount(), candidates.alternativeCount());
        NormalizedText t = normalizer.normalize(text, ctx.text);
        if (t.scriptLength() == 0) {
            return new RuleVerdict(Decision.PASS, List.of(), version);
        }
        terms.collect(t, ctx.hits);
        TermHits h = ctx.hits;
        int[] altGen = ctx.alternativeGen;
        int g = ctx.generation;
        int[] anchoredStart = candidates.anchoredStart;
        int[] anchored = candidates.anchored;
        for (int i = 0; i < h.size; i++) {
            for (int k = anchoredStart[h.term[i]], end = anchoredStart[h.term[i] + 1]; k < end; k++) {
                int a = anchored[k];
                altGen[a] = g;
                ctx.mark(candidates.ruleOf[a]);
            }
        }
        if (t.longestDigitRun() >= NumberValidator.MIN_DIGITS) {
            for (int r : numberRules) {
                ctx.mark(r);
            }
        }
        for (int r : regexRules) {
            ctx.mark(r);
        }
        if (ctx.markedCount == 0) {
            return new RuleVerdict(Decision.PASS, List.of(), version);
        }
        terms.markNodes(h, ctx);
        Decision decision = Decision.PASS;
        var hits = new ArrayList<RuleHit>(4);
        // In rule order, so hits come out in a stable order.
        for (int r = 0, left = ctx.markedCount; left > 0; r++) {
            if (!ctx.candidate[r]) {
                continue;
            }
            left--;
            CompiledRule rule = rules.get(r);
            for (Span s : matcher.evaluate(rule, candidates, ctx)) {
                int start = t.originalStart(s.start());
                int end = t.originalEnd(s.end() - 1);
                hits.add(new RuleHit(rule.id(), rule.category(), rule.severity().label(), rule.action(), s.matched(),
                        start, end, text.substring(start, end), rule.description()));
                decision = decision.max(rule.action());
            }
        }
        if (hits.size() > 1) {
            hits.sort(BY_POSITION);
        }
        return new RuleVerdict(decision, hits, version);
    }

    /**
     * Words BLOCK rules vouch for as safe plain substrings ({@code intercept:} in the rule file), for
     * WeCom's native sensitive-word interception: rule id → words.
     */
    public Map<String, List<String>> interceptTerms() {
        var out = new java.util.LinkedHashMap<String, List<String>>();
        for (CompiledRule rule : rules) {
            if (rule.action() == Decision.BLOCK && !rule.interceptWords().isEmpty()) {
                out.put(rule.id(), rule.interceptWords());
            }
        }
        return out;
    }
}
