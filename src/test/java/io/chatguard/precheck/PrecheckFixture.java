package io.chatguard.precheck;

import java.nio.file.Path;
import java.util.List;
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
 * The three engines of {@code scripts/bench precheck}, built once per JVM from the shipped
 * {@code rules/} and the shared dev corpus, so every benchmark checks the same messages against the
 * same lexicon. Read-only after {@link #get()}; the engines' own thread-safety applies.
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

    PrecheckFixture {
        lexicon = List.copyOf(lexicon);
        messages = List.copyOf(messages);
    }

    /** Built on first use; JMH runs in-process, so the three benchmarks share one fixture. */
    static PrecheckFixture get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final PrecheckFixture INSTANCE = build();
    }

    private static PrecheckFixture build() {
        RuleSnapshot snapshot = new RuleCompiler(new Normalizer(new PinyinTable())).compile(RuleSources.read(Path.of("rules")));
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
