package io.chatguard.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.chatguard.rules.engine.MatchContext;
import io.chatguard.rules.engine.RuleCompiler;
import io.chatguard.rules.engine.RuleSnapshot;
import io.chatguard.rules.engine.RuleSources;
import io.chatguard.rules.text.Normalizer;
import io.chatguard.rules.text.PinyinTable;

/**
 * The quality gate of issue #4: the shipped rules on the shared dev corpus plus every
 * {@code rules/tests/*.jsonl}, scored and printed like {@code scripts/rules-eval}.
 */
class RuleCorpusTest {
    private static final Path DEV = Path.of("..", "shared", "corpus", "dev.jsonl");

    @Test
    void shippedRulesMeetTheBarOnEveryLabelledCorpus() throws IOException {
        assertThat(DEV).as("shared/corpus/dev.jsonl must sit beside the checkout, as in CI").exists();
        var ruleTests = new ArrayList<LabelledMessage>();
        try (Stream<Path> tests = Files.list(Path.of("rules", "tests"))) {
            for (Path p : tests.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                ruleTests.addAll(CorpusEvaluation.read(p));
            }
        }
        RuleSnapshot rules = new RuleCompiler(new Normalizer(new PinyinTable())).compile(RuleSources.read(Path.of("rules")));
        var ctx = new MatchContext();
        var corpora = new java.util.LinkedHashMap<String, List<LabelledMessage>>();
        corpora.put(DEV.toString(), CorpusEvaluation.read(DEV));
        corpora.put("rules/tests/*.jsonl", ruleTests);
        corpora.forEach((name, messages) -> {
            CorpusEvaluation.Report report = CorpusEvaluation.evaluate(messages, text -> rules.check(text, ctx));
            System.out.printf("%n=== rules %s on %s%n%s", rules.version(), name, report.format());
            assertThat(report.violationRecall()).as(name + " violation recall").isGreaterThanOrEqualTo(0.97);
            assertThat(report.evasionRecall()).as(name + " evasion recall").isGreaterThanOrEqualTo(0.95);
            assertThat(report.cleanFalsePositiveRate()).as(name + " false positives on clean messages").isLessThanOrEqualTo(0.03);
            assertThat(report.decisionAccuracy()).as(name + " decision accuracy").isGreaterThanOrEqualTo(0.92);
        });
    }

    @Test
    void everyCategoryOfTheDomainHasRules() {
        RuleSnapshot rules = new RuleCompiler(new Normalizer(new PinyinTable())).compile(RuleSources.read(Path.of("rules")));
        assertThat(rules.rules()).extracting(r -> r.category()).contains("guarantee_return", "insider_info", "stock_tip",
                "discretionary_trading", "private_dealing", "kickback", "pii_leak", "illegal_leverage", "absolute_claims");
    }
}
