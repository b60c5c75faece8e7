package io.chatguard.precheck;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * {@code scripts/bench precheck}: ChatGuard's rule engine next to houbb's sensitive-word (every
 * normalisation on) and a raw Aho-Corasick automaton, on the same lexicon and the same dev-corpus
 * messages, measured with JMH in this one JVM. Not part of the test suite (tag {@code bench}).
 *
 * <p>The last line printed is {@code precheck: vs_houbb=<x> vs_raw_ac=<y>}, ChatGuard's throughput
 * divided by each competitor's.
 */
@Tag("bench")
class PrecheckBenchmark {
    private static final int WARMUP = Integer.getInteger("bench.precheck.warmup", 4);
    private static final int ITERATIONS = Integer.getInteger("bench.precheck.iterations", 5);

    @Test
    void precheck() throws Exception {
        PrecheckFixture f = PrecheckFixture.get();
        PrecheckEngines.Flagged flagged = PrecheckEngines.flagged(f);

        // In-process (forks 0): the brief is one JVM for all three, and a fork would need the
        // surefire class path rebuilt. Each benchmark still gets its own warm-up.
        Options options = new OptionsBuilder()
                .include(PrecheckEngines.class.getName() + "\\.")
                .forks(0)
                .threads(1)
                .warmupIterations(WARMUP)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(ITERATIONS)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        int n = f.messages().size();
        var perMessage = new LinkedHashMap<String, Statistics>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().substring(PrecheckEngines.class.getName().length() + 1);
            perMessage.put(method, r.getAggregatedResult().getPrimaryResult().getStatistics());
        }
        Map<String, Integer> flags = Map.of("chatguard", flagged.chatguard(), "houbb", flagged.houbb(),
                "rawAhoCorasick", flagged.rawAc());
        Map<String, String> labels = Map.of("chatguard", "ChatGuard RuleSnapshot.check", "houbb",
                "houbb sensitive-word 0.25.0", "rawAhoCorasick", "raw Aho-Corasick (HanLP)");

        double rawNs = perMessageNs(perMessage.get("rawAhoCorasick"), n);
        System.out.println();
        System.out.printf("precheck engines: %d messages (avg %.1f chars) from %s; lexicon %d distinct terms "
                + "(engine: %d terms, %d rules); JMH %d x 1 s warm-up, %d x 1 s measured, 1 thread, in-process%n",
                n, f.averageLength(), PrecheckFixture.DEV_CORPUS, f.lexicon().size(), f.snapshot().termCount(),
                f.snapshot().ruleCount(), WARMUP, ITERATIONS);
        System.out.printf("%-30s %11s %10s %19s %12s %9s %8s%n", "engine", "ns/message", "± 99.9%",
                "iterations min-max", "messages/s", "vs raw AC", "flagged");
        for (String name : PrecheckEngines.names()) {
            Statistics s = perMessage.get(name);
            double ns = perMessageNs(s, n);
            System.out.printf("%-30s %11.0f %10.0f %9.0f-%-9.0f %12.0f %9.3f %8d%n", labels.get(name), ns,
                    s.getMeanErrorAt(0.999) / n, s.getMin() / n, s.getMax() / n, 1e9 / ns, rawNs / ns, flags.get(name));
        }
        double vsHoubb = perMessageNs(perMessage.get("houbb"), n) / perMessageNs(perMessage.get("chatguard"), n);
        double vsRaw = rawNs / perMessageNs(perMessage.get("chatguard"), n);
        System.out.printf("ratios (ChatGuard messages/s ÷ other's): vs houbb %.2f (target ≥ 5), vs raw AC %.3f "
                + "(target ≥ 0.1)%n", vsHoubb, vsRaw);
        System.out.printf("precheck: vs_houbb=%.2f vs_raw_ac=%.3f%n", vsHoubb, vsRaw);
    }

    private static double perMessageNs(Statistics s, int messages) {
        return s.getMean() / messages;
    }
}
