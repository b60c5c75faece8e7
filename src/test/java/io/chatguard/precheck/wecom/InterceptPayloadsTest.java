package io.chatguard.precheck.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class InterceptPayloadsTest {
    private static final InterceptRulePayload.Range RANGE = new InterceptRulePayload.Range(List.of("zhangwei"), List.of(1));

    @Test
    void addsTraditionalFormsAndRespectsWecomLimits() {
        var terms = new LinkedHashMap<String, List<String>>();
        terms.put("guarantee_return.principal", List.of("保证收益", "稳赚不赔", "x".repeat(33)));
        terms.put("discretionary_trading.password-request", IntStream.range(0, 650).mapToObj(i -> "jymm" + i).toList());

        InterceptExport export = InterceptPayloads.build("r-abc", terms, RANGE, 1);

        assertThat(export.rules()).allSatisfy(r -> {
            assertThat(r.ruleName().length()).isLessThanOrEqualTo(20);
            assertThat(r.wordList()).hasSizeBetween(1, 300).allSatisfy(w -> assertThat(w.length()).isBetween(1, 32));
            assertThat(r.interceptType()).isEqualTo(1);
            assertThat(r.applicableRange()).isEqualTo(RANGE);
        });
        assertThat(export.rules().get(0).wordList()).containsExactly("保证收益", "保證收益", "稳赚不赔", "穩賺不賠");
        assertThat(export.rules()).extracting(InterceptRulePayload::ruleName)
                .containsExactly("ChatGuard承诺保本保收益", "ChatGuard代客操作-1", "ChatGuard代客操作-2", "ChatGuard代客操作-3");
        assertThat(export.skipped()).extracting(InterceptExport.Skipped::reason).containsExactly("WeCom words are 1 to 32 characters");
        assertThat(export.words()).isEqualTo(4 + 650);
        assertThat(export.truncated()).isFalse();
    }

    @Test
    void neverExceedsAHundredRulesAndSaysSo() {
        Map<String, List<String>> terms = Map.of("kickback.rebate",
                IntStream.range(0, 101 * 300).mapToObj(i -> "返佣" + i).toList());
        InterceptExport export = InterceptPayloads.build("r-abc", terms, RANGE, 2);
        assertThat(export.rules()).hasSize(100);
        assertThat(export.truncated()).isTrue();
    }
}
