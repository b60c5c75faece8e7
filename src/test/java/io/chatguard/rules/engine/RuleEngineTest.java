package io.chatguard.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chatguard.rules.Decision;
import io.chatguard.rules.RuleHit;
import io.chatguard.rules.RuleVerdict;
import io.chatguard.rules.text.Normalizer;
import io.chatguard.rules.text.PinyinTable;

/** The rule language's semantics, each on a one-rule set written inline. */
class RuleEngineTest {
    static final RuleCompiler COMPILER = new RuleCompiler(new Normalizer(new PinyinTable()));

    private static RuleSnapshot rules(String yamlRules) {
        return COMPILER.compile(RuleSources.of(Map.of(
                "lexicons/neg.txt", "不\n不能\n",
                "test_cat.yaml", "category: test_cat\nrules:\n" + yamlRules)));
    }

    private static RuleVerdict check(RuleSnapshot rules, String text) {
        return rules.check(text, new MatchContext());
    }

    private static final String PRINCIPAL = """
              - id: principal
                name: 保本
                severity: critical
                action: BLOCK
                description: 承诺保本
                mustAny: 保本 | 稳赚不赔
            """;

    @Test
    void seesThroughEveryEvasionKindAndReportsWhatWasTyped() {
        RuleSnapshot rules = rules(PRINCIPAL);
        Map<String, String> typed = Map.of(
                "这款保 本的", "保 本",
                "这款保-本的", "保-本",
                "这款ｂａｏ本的", "ｂａｏ本",
                "这款bao ben的", "bao ben",
                "这款饱本的", "饱本",
                "这款保🔥本的", "保🔥本",
                "这款保保本本的", "保保本本",
                "穩賺不賠哦", "穩賺不賠",
                "稳转不赔哦", "稳转不赔",
                "wzbp哦", "wzbp");
        typed.forEach((text, original) -> {
            RuleVerdict v = check(rules, text);
            assertThat(v.decision()).as(text).isEqualTo(Decision.BLOCK);
            RuleHit hit = v.hits().get(0);
            assertThat(hit.original()).as(text).isEqualTo(original);
            assertThat(text.substring(hit.start(), hit.end())).isEqualTo(original);
        });
    }

    @Test
    void aHitOverTheSameCharsReportsTheTermsThatCoverMostOfThemAndChineseBeforeLetters() {
        RuleSnapshot rules = rules("""
              - id: insider
                name: 内幕
                severity: high
                action: BLOCK
                description: 内幕
                mustAny: (别外传 | 别说出去) NEAR/20 (合并 | 吸收合并 | 重组)
              - id: password
                name: 密码
                severity: high
                action: BLOCK
                description: 密码
                mustAny: (jymm | ~交易密码) BEFORE/4 发我
            """);
        // 合并 and 吸收合并 end together; whichever the automaton reports first, the longer term is named.
        assertThat(check(rules, "别外传，下个月吸收合并").hits()).extracting(RuleHit::matched)
                .containsExactly("别外传…吸收合并");
        // "jymm" is both a term and 交易密码's initials: the hit names the Chinese term.
        assertThat(check(rules, "姐您jymm发我").hits()).extracting(RuleHit::matched).containsExactly("交易密码…发我");
    }

    @Test
    void homophonesNeedAContentCharacterInPlace() {
        RuleSnapshot rules = rules("""
              - id: tip
                name: 必涨
                severity: medium
                action: WARN
                description: 必涨
                mustAny: 必涨 | 返您
            """);
        assertThat(check(rules, "我记一笔账").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "麻烦您看下").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "明天毕涨").decision()).isEqualTo(Decision.WARN);
    }

    @Test
    void nearAndBeforeCountNormalisedCharacters() {
        RuleSnapshot rules = rules("""
              - id: promise
                name: 承诺收益
                severity: critical
                action: BLOCK
                description: 承诺收益
                mustAny: 承诺 BEFORE/4 收益
              - id: ratio
                name: 配资比例
                severity: critical
                action: BLOCK
                description: 配资
                mustAny: 配资 NEAR/3 1比5
            """);
        assertThat(check(rules, "我承诺，您的收益").decision()).isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "收益我承诺").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "我承诺这个产品的年化收益").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "1:5的配资").hits()).extracting(RuleHit::matched).containsExactly("1比5…配资");
    }

    @Test
    void exceptionsApplyOnlyInsideTheirWindowAndClause() {
        RuleSnapshot rules = rules(PRINCIPAL + """
                exceptions:
                  - terms: '@neg'
                    before: 3
                  - terms: 骗子
                    around: 10
                    sameClause: false
            """);
        assertThat(check(rules, "本产品不保本").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "我们不能承诺保本").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "不用担心，保本的").decision()).isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "说保本的都是骗子").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "保本的，年化六个点，比定期存款高出不少，那些说高收益的才是骗子").decision())
                .isEqualTo(Decision.BLOCK);
    }

    @Test
    void mustAllMustNotAndAllowListsShapeHits() {
        RuleSnapshot rules = rules("""
              - id: account
                name: 个人账户
                severity: critical
                action: BLOCK
                description: 转入个人账户
                mustAny: 个人账户
                mustAll: [钱 | 万]
                mustNot: [官方]
                allow: [个人账户管理]
            """);
        assertThat(check(rules, "钱转我个人账户").decision()).isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "链接转我个人账户").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "钱转官方个人账户").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "10万在个人账户管理页面查看").decision()).isEqualTo(Decision.PASS);
    }

    @Test
    void wholeWordTermsUseHanlpSegmentation() {
        RuleSnapshot rules = rules("""
              - id: promise
                name: 保证
                severity: critical
                action: BLOCK
                description: 保证收益
                mustAny: <保证> NEAR/8 收益
            """);
        assertThat(check(rules, "保证三个月收益不低于3.5%").decision()).isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "您期货账户保证金余额不足，收益会受影响").decision()).isEqualTo(Decision.PASS);
    }

    @Test
    void numberValidatorsCheckChecksums() {
        RuleSnapshot rules = rules("""
              - id: id
                name: 身份证
                severity: critical
                action: BLOCK
                description: 身份证号
                mustAny: $idcard
              - id: card
                name: 银行卡
                severity: high
                action: BLOCK
                description: 银行卡号
                mustAny: $bankcard
              - id: mobile
                name: 手机
                severity: medium
                action: WARN
                description: 手机号
                mustAny: $mobile
            """);
        assertThat(check(rules, "身份证420106197503228298").hits()).extracting(RuleHit::ruleId)
                .containsExactly("test_cat.id");
        assertThat(check(rules, "身份证420106197503228299").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "认购资料：王建国 11010519911215819X").decision()).isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "李明 身份证 510107 1978 1021 8055").hits().get(0).original())
                .isEqualTo("510107 1978 1021 8055");
        assertThat(check(rules, "卡号6222025503491065494").decision()).isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "卡号6222025503491065495").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "电话壹伍贰陆陆伍叁陆柒零叁").decision()).isEqualTo(Decision.WARN);
        assertThat(check(rules, "合同编号HT20240315008812").decision()).isEqualTo(Decision.PASS);
    }

    @Test
    void strongestActionDecidesAndHitsComeInTextOrder() {
        RuleSnapshot rules = rules(PRINCIPAL + """
              - id: tip
                name: 必涨
                severity: medium
                action: WARN
                description: 必涨
                mustAny: 必涨
            """);
        RuleVerdict v = check(rules, "明天必涨，而且保本");
        assertThat(v.decision()).isEqualTo(Decision.BLOCK);
        assertThat(v.hits()).extracting(RuleHit::ruleId).containsExactly("test_cat.tip", "test_cat.principal");
        assertThat(v.rulesVersion()).startsWith("r-");
    }

    @Test
    void emptyAndNoiseOnlyTextPasses() {
        RuleSnapshot rules = rules(PRINCIPAL);
        assertThat(check(rules, "").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "👍👍 ！！").decision()).isEqualTo(Decision.PASS);
    }

    @Test
    void interceptExportsPlainTermsOrTheListedWordsOfBlockRulesThatOptIn() {
        RuleSnapshot rules = rules(PRINCIPAL + """
                intercept: true
              - id: promise
                name: 承诺收益
                severity: critical
                action: BLOCK
                description: 承诺收益
                intercept: true
                mustAny: 承诺 NEAR/4 收益
            """);
        assertThat(rules.interceptTerms()).containsExactly(Map.entry("test_cat.principal", java.util.List.of("保本", "稳赚不赔")));
        RuleSnapshot listed = rules(PRINCIPAL + """
                intercept: [保本保收益]
            """);
        assertThat(listed.interceptTerms()).containsExactly(Map.entry("test_cat.principal", java.util.List.of("保本保收益")));
    }

    @Test
    void insideExceptionsCancelANegatedNearAndFileMustNotSilencesClientQuestions() {
        RuleSnapshot rules = COMPILER.compile(RuleSources.of(Map.of("test_cat.yaml", """
                category: test_cat
                mustNot:
                  - 你们 NEAR/10 (吗 | ?)
                rules:
                  - id: password
                    name: 索要密码
                    severity: critical
                    action: BLOCK
                    description: 索要密码
                    mustAny: ~~密码 NEAR/8 发我
                    exceptions:
                      - terms: 别 | 不要
                        inside: true
                """)));
        assertThat(check(rules, "把密码发我").decision()).isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "把蜜马发我").decision()).as("explicit ~ inside NEAR: any homophone").isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "密码您千万别发我").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "你们会让我把密码发我吗？").decision()).isEqualTo(Decision.PASS);
    }

    @Test
    void insideExceptionsNeverCancelASingleTermThatContainsTheNegator() {
        RuleSnapshot rules = rules("""
              - id: off-book
                name: 飞单
                severity: critical
                action: BLOCK
                description: 飞单
                mustAny: 公司那边不用知道 | 私下 NEAR/6 协议
                exceptions:
                  - terms: 不用 | 别
                    inside: true
            """);
        assertThat(check(rules, "这份协议是咱俩之间的，公司那边不用知道").decision()).isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "私下签个协议").decision()).isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "私下别签协议").decision()).isEqualTo(Decision.PASS);
    }

    @Test
    void dialectCharsReadAsMandarin() {
        RuleSnapshot rules = rules("""
              - id: act
                name: 代客操作
                severity: critical
                action: BLOCK
                description: 代客操作
                mustAny: 我帮您操作 | 密码给我
              - id: principal
                name: 保本
                severity: critical
                action: BLOCK
                description: 保本
                mustAny: 保本
                exceptions:
                  - terms: 不
                    before: 1
            """);
        assertThat(check(rules, "俺帮您操作").decision()).isEqualTo(Decision.BLOCK);
        // Cantonese: 畀 is 给, 唔 is 不; the highlight still covers what was typed.
        RuleVerdict handover = check(rules, "交易密碼畀我");
        assertThat(handover.decision()).isEqualTo(Decision.BLOCK);
        assertThat(handover.hits().get(0).original()).isEqualTo("密碼畀我");
        assertThat(check(rules, "呢只基金唔保本嘅").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "呢只基金保本嘅").decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void termsWithNumeralsMatchTheirRomanisedForm() {
        RuleSnapshot rules = rules("""
              - id: zero-risk
                name: 零风险
                severity: critical
                action: BLOCK
                description: 零风险
                mustAny: 零风险 | 一分不少
            """);
        // 零 reads as the digit 0 in script form; "ling feng xian" must still meet the term.
        assertThat(check(rules, "这个是ling feng xian的").decision()).isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "年化yi fen bu shao").decision()).isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "〇风险").decision()).isEqualTo(Decision.BLOCK);
    }

    @Test
    void aWrittenNumberIsNotMatchedInsideALongerOne() {
        RuleSnapshot rules = rules("""
              - id: ratio
                name: 配资比例
                severity: critical
                action: BLOCK
                description: 杠杆比例
                mustAny: 1比3 | 10倍 | 唯一
            """);
        assertThat(check(rules, "1:3配资").decision()).isEqualTo(Decision.BLOCK);
        assertThat(check(rules, "给您做10倍").decision()).isEqualTo(Decision.BLOCK);
        // A time is not a ratio, and 100倍 is not 10倍.
        assertThat(check(rules, "交易时间 9:30-11:30").decision()).isEqualTo(Decision.PASS);
        assertThat(check(rules, "成交量放大了100倍").decision()).isEqualTo(Decision.PASS);
        // Numerals that became digits are words: 唯一一只 still holds 唯一.
        assertThat(check(rules, "唯一一只").decision()).isEqualTo(Decision.BLOCK);
    }
}
