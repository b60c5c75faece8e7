package io.chatguard.precheck;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.allow.WordAllows;
import com.github.houbb.sensitive.word.support.ignore.SensitiveWordCharIgnores;
import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;

import io.chatguard.rules.engine.RuleCompiler;
import io.chatguard.rules.engine.RuleSnapshot;
import io.chatguard.rules.engine.RuleSources;
import io.chatguard.rules.eval.CorpusEvaluation;
import io.chatguard.rules.eval.LabelledMessage;
import io.chatguard.rules.text.Normalizer;
import io.chatguard.rules.text.PinyinTable;

/**
 * The three engines of {@code scripts/bench precheck}, built once per JVM from a rule set and the
 * shared dev corpus, so every benchmark checks the same messages against the same lexicon. Two rule
 * sets: the shipped {@code rules/}, and {@link #REFERENCE_RULES}, a 56-term lexicon of plain terms
 * like the one issue #4's targets were calibrated on. Read-only after {@link #get}; the engines' own
 * thread-safety applies.
 *
 * @param snapshot ChatGuard's compiled rules
 * @param lexicon every term of the rules as written ({@link RuleSnapshot#lexiconTerms()})
 * @param messages the texts of {@code ../shared/corpus/dev.jsonl}, in file order
 * @param houbb sensitive-word with every normalisation on and only {@code lexicon} as its dictionary
 * @param rawAc HanLP's Aho-Corasick automaton over {@code lexicon}, no normalisation
 */
record PrecheckFixture(RuleSnapshot snapshot, List<String> lexicon, List<String> messages, SensitiveWordBs houbb,
        AhoCorasickDoubleArrayTrie<String> rawAc) {

    static final Path DEV_CORPUS = Path.of("..", "shared", "corpus", "dev.jsonl");
    /** The shipped rules, or another rule directory ({@code -Dbench.precheck.rules=DIR}) to see how cost scales with a rule set. */
    static final Path RULES = Path.of(System.getProperty("bench.precheck.rules", "rules"));

    PrecheckFixture {
        lexicon = List.copyOf(lexicon);
        messages = List.copyOf(messages);
    }

    /** Rule set names for {@link #get}. */
    static final String SHIPPED = "shipped";
    static final String REFERENCE = "reference";

    /**
     * Issue #4 states its targets as measured with a 56-term lexicon: these are 56 plain terms over the
     * nine categories (the phrases domain.md names, a few more each), one rule per category, with no
     * context, exceptions or number validators. A performance reference only: without context it
     * would block "本产品不保本".
     */
    static final Map<String, String> REFERENCE_RULES = reference(Map.of(
            "guarantee_return", "保本 | 保收益 | 稳赚 | 零风险 | 稳赚不赔 | 保证收益 | 亏了我补 | 包赔",
            "insider_info", "内幕消息 | 内部消息 | 提前知道 | 庄家拉升 | 还没公告 | 利好公告 | 内幕",
            "stock_tip", "必涨 | 明天涨停 | 满仓干 | 闭眼买 | 翻倍股 | 牛股 | 目标价",
            "discretionary_trading", "交易密码 | 把密码发我 | 帮您操作 | 替您买卖 | 账户给我 | 代客理财",
            "private_dealing", "飞单 | 转到我个人账户 | 私下签 | 转我卡上 | 私下交易 | 个人账户",
            "kickback", "返佣 | 返点 | 回扣 | 好处费 | 佣金返还 | 介绍费",
            "pii_leak", "身份证号 | 银行卡号 | 手机号",
            "illegal_leverage", "场外配资 | 配资 | 杠杆炒股 | 1比5 | 借钱炒股 | 加杠杆",
            "absolute_claims", "全市场最好 | 第一 | 唯一 | 最好的 | 最牛 | 秒杀同行 | 绝对没问题"));

    private static Map<String, String> reference(Map<String, String> termsByCategory) {
        var files = new TreeMap<String, String>();
        termsByCategory.forEach((category, terms) -> files.put(category + ".yaml", """
                category: %s
                rules:
                  - id: reference
                    name: 参考词表
                    severity: high
                    action: BLOCK
                    description: 基准测试参考词表
                    mustAny: %s
                """.formatted(category, terms)));
        return files;
    }

    /** {@link #SHIPPED} or {@link #REFERENCE}, built on first use; JMH runs in-process, so its benchmarks share them. */
    static PrecheckFixture get(String rules) {
        return switch (rules) {
            case SHIPPED -> Shipped.INSTANCE;
            case REFERENCE -> Reference.INSTANCE;
            default -> throw new IllegalArgumentException("unknown rule set " + rules);
        };
    }

    private static final class Shipped {
        static final PrecheckFixture INSTANCE = build(RuleSources.read(RULES));
    }

    private static final class Reference {
        static final PrecheckFixture INSTANCE = build(RuleSources.of(REFERENCE_RULES));
    }

    private static PrecheckFixture build(RuleSources sources) {
        RuleSnapshot snapshot = new RuleCompiler(new Normalizer(new PinyinTable())).compile(sources);
        List<String> lexicon = List.copyOf(snapshot.lexiconTerms());
        List<String> messages = CorpusEvaluation.read(DEV_CORPUS).stream().map(LabelledMessage::text).toList();

        // Every normalisation sensitive-word 0.25 offers, and nothing but our lexicon: the default
        // deny list (its 60k-word dictionary) and the default allow list are both replaced.
        SensitiveWordBs houbb = SensitiveWordBs.newInstance()
                .wordDeny(() -> lexicon)
                .wordAllow(WordAllows.empty())
                .ignoreCase(true)
                .ignoreWidth(true)
                .ignoreNumStyle(true)
                .ignoreChineseStyle(true)
                .ignoreEnglishStyle(true)
                .ignoreRepeat(true)
                .charIgnore(SensitiveWordCharIgnores.specialChars())
                .init();

        var map = new TreeMap<String, String>();
        lexicon.forEach(t -> map.put(t, t));
        var rawAc = new AhoCorasickDoubleArrayTrie<String>();
        rawAc.build(map);
        return new PrecheckFixture(snapshot, lexicon, messages, houbb, rawAc);
    }

    /** Mean message length in UTF-16 chars. */
    double averageLength() {
        return messages.stream().mapToInt(String::length).average().orElse(0);
    }
}
