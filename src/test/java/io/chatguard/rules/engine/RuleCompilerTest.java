package io.chatguard.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** A broken rule file is rejected with the file and the place in it. */
class RuleCompilerTest {

    private static void rejects(String yaml, String expectedMessagePart) {
        assertThatThrownBy(() -> RuleEngineTest.COMPILER.compile(RuleSources.of(Map.of("cat.yaml", yaml))))
                .isInstanceOf(RuleDefinitionException.class)
                .hasMessageContaining("cat.yaml")
                .hasMessageContaining(expectedMessagePart);
    }

    private static String rule(String body) {
        return "category: cat\nrules:\n  - id: one\n    name: n\n    severity: high\n    action: BLOCK\n"
                + "    description: d\n" + body;
    }

    @Test
    void rejectsInvalidYamlWithLineAndColumn() {
        rejects("category: cat\nrules: [\n", "line 3");
    }

    @Test
    void rejectsUnknownLexiconNamingRuleAndColumn() {
        rejects(rule("    mustAny: 保本 | @negatoin\n"), "rules[0] (one): mustAny[0]: unknown lexicon @negatoin at column");
    }

    @Test
    void rejectsUnknownKeysSoTyposCannotSilentlyDisableARule() {
        rejects(rule("    mustany: 保本\n"), "unknown key 'mustany'");
    }

    @Test
    void rejectsBadActionsSeveritiesAndSyntax() {
        rejects(rule("    mustAny: 保本\n").replace("BLOCK", "DENY"), "action: unknown value 'DENY'");
        rejects(rule("    mustAny: 保本 NEAR/ 收益\n"), "need a distance");
        rejects(rule("    mustAny: (保本 | 收益\n"), "missing ')'");
        rejects(rule("    mustAny: $passport\n"), "unknown validator $passport");
        rejects(rule("    mustAny: 保本\n    exceptions:\n      - terms: 不\n"), "give exactly one of before, after, around");
    }

    @Test
    void rejectsDuplicateIdsAndCategoryFileMismatch() {
        rejects(rule("    mustAny: 保本\n") + "  - id: one\n    name: n\n    severity: high\n    action: BLOCK\n"
                + "    description: d\n    mustAny: 收益\n", "duplicate rule id cat.one");
        rejects(rule("    mustAny: 保本\n").replace("category: cat", "category: other"), "must match the file name");
    }

    @Test
    void sameFilesGiveTheSameVersion() {
        var files = Map.of("cat.yaml", rule("    mustAny: 保本\n"));
        assertThat(RuleSources.of(files).version()).isEqualTo(RuleSources.of(Map.copyOf(files)).version())
                .matches("r-[0-9a-f]{12}");
    }

    @Test
    void lexiconTermsListEveryTermOnceAsWritten() {
        var snapshot = RuleEngineTest.COMPILER.compile(RuleSources.of(Map.of("cat.yaml",
                rule("    mustAny: 保本 | =保本 | \"risk free\" | 稳赚 NEAR/5 <收益>\n    exceptions:\n      - terms: 不\n"
                        + "        before: 1\n    allow: [无风险利率]\n"))));

        assertThat(snapshot.lexiconTerms()).containsExactly("保本", "risk free", "稳赚", "收益", "不", "无风险利率");
    }
}
