package io.chatguard.precheck;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;

import io.chatguard.rules.engine.MatchContext;
import io.chatguard.rules.engine.RuleSnapshot;

/**
 * JMH benchmarks behind {@code scripts/bench precheck}. One operation checks every dev-corpus
 * message once, in file order, so each engine sees the same mix of clean and violating texts;
 * {@link PrecheckBenchmark} divides by the message count.
 *
 * <p>Public because JMH's generated code subclasses it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PrecheckEngines {
    /** Which rule set: {@link PrecheckFixture#SHIPPED} or {@link PrecheckFixture#REFERENCE}. */
    @Param({PrecheckFixture.SHIPPED, PrecheckFixture.REFERENCE})
    public String rules;
    private String[] messages;
    private RuleSnapshot snapshot;
    private MatchContext ctx;
    private SensitiveWordBs houbb;
    private AhoCorasickDoubleArrayTrie<String> rawAc;
    private final HitCounter counter = new HitCounter();

    @Setup
    public void setUp() {
        PrecheckFixture f = PrecheckFixture.get(rules);
        messages = f.messages().toArray(String[]::new);
        snapshot = f.snapshot();
        ctx = new MatchContext();
        houbb = f.houbb();
        rawAc = f.rawAc();
    }

    /** ChatGuard: normalise, automaton over script and sound forms, then rule logic; a full verdict. */
    @Benchmark
    public void chatguard(Blackhole bh) {
        for (String m : messages) {
            bh.consume(snapshot.check(m, ctx));
        }
    }

    /** sensitive-word: its normalisations and DFA, returning every matched word. */
    @Benchmark
    public void houbb(Blackhole bh) {
        for (String m : messages) {
            bh.consume(houbb.findAll(m));
        }
    }

    /**
     * HanLP's double-array Aho-Corasick over the raw text. Hits go to a callback instead of a list,
     * so this is the cheapest way to find every lexicon term: the ceiling, not a fair competitor.
     */
    @Benchmark
    public void rawAhoCorasick(Blackhole bh) {
        for (String m : messages) {
            counter.hits = 0;
            rawAc.parseText(m, counter);
            bh.consume(counter.hits);
        }
    }

    /** Messages each engine flags (at least one hit; ChatGuard: not PASS), a sanity check on the setup. */
    static Flagged flagged(PrecheckFixture f) {
        var ctx = new MatchContext();
        var counter = new HitCounter();
        int chatguard = 0;
        int houbb = 0;
        int raw = 0;
        for (String m : f.messages()) {
            if (f.snapshot().check(m, ctx).decision() != io.chatguard.rules.Decision.PASS) {
                chatguard++;
            }
            if (!f.houbb().findAll(m).isEmpty()) {
                houbb++;
            }
            counter.hits = 0;
            f.rawAc().parseText(m, counter);
            if (counter.hits > 0) {
                raw++;
            }
        }
        return new Flagged(chatguard, houbb, raw);
    }

    /**
     * Messages flagged per engine.
     *
     * @param chatguard BLOCK or WARN verdicts
     * @param houbb messages with at least one sensitive-word match
     * @param rawAc messages with at least one exact lexicon substring
     */
    record Flagged(int chatguard, int houbb, int rawAc) {
    }

    private static final class HitCounter implements AhoCorasickDoubleArrayTrie.IHit<String> {
        int hits;

        @Override
        public void hit(int begin, int end, String value) {
            hits++;
        }
    }

    static List<String> names() {
        return List.of("chatguard", "houbb", "rawAhoCorasick");
    }
}
