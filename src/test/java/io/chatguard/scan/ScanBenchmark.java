package io.chatguard.scan;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.chatguard.rules.RuleEngine;
import io.chatguard.rules.RuleService;
import io.chatguard.rules.eval.CorpusEvaluation;
import io.chatguard.rules.eval.LabelledMessage;
import io.chatguard.testsupport.RulesCopy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code scripts/bench scan}: how fast a rescan reads messages from PostgreSQL, checks them and records
 * the result, next to the in-process engine rate on the same texts. Not part of the test suite (tag
 * {@code bench}).
 *
 * <p>The messages are the dev corpus's texts repeated ({@code bench.scan.volume}), stored with message
 * times in a range of their own. Timed: (1) the first rescan of them, which raises an alert for every
 * violating (message, rule) pair; (2) a rescan after a rules change (a new version, so every hit is
 * recorded again as a finding of that version; alerts exist already). The result line reports (2), the
 * case a rules change produces. Dev's texts are ~64 % violations, far more than real traffic, so the
 * write load is pessimistic.
 */
@QuarkusTest
@Tag("bench")
@TestProfile(ScanBenchmark.OwnRules.class)
class ScanBenchmark {
    private static final int VOLUME = Integer.getInteger("bench.scan.volume", 50_000);
    static final Path DIR = Path.of("target", "bench-scan-rules");

    /** A private copy of the rules, so the benchmark can change them. */
    public static class OwnRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RulesCopy.into(DIR);
            return Map.of("chatguard.rules.dir", DIR.toString(), "chatguard.scan.on-ingest", "false");
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    RescanService rescans;
    @Inject
    RuleEngine engine;
    @Inject
    RuleService rules;

    @Test
    void scan() throws Exception {
        List<String> texts = CorpusEvaluation.read(Path.of("..", "shared", "corpus", "dev.jsonl")).stream()
                .map(LabelledMessage::text).toList();
        Instant from = Instant.parse("2031-01-01T00:00:00Z").plusSeconds(ManagementFactory.getRuntimeMXBean().getStartTime() % 10_000_000);
        Instant to = insert(texts, from);

        double engineRate = engineRate(texts);
        RescanResult first = rescan(from, to);
        // A rules change: any edit gives a new version; this one changes no verdict.
        Path lexicon = DIR.resolve("lexicons").resolve("news.txt");
        Files.writeString(lexicon, Files.readString(lexicon, StandardCharsets.UTF_8) + "\n# bench " + UUID.randomUUID() + "\n",
                StandardCharsets.UTF_8);
        rules.reload("bench");
        RescanResult second = rescan(from, to);

        System.out.println();
        System.out.printf("scan benchmark: %d messages (dev corpus texts, avg %.1f chars) stored in PostgreSQL; batch %s%n",
                VOLUME, texts.stream().mapToInt(String::length).average().orElse(0),
                System.getProperty("chatguard.scan.batch-size", "500 (default)"));
        System.out.printf("%-58s %12s %10s %12s%n", "measurement", "messages/s", "seconds", "new alerts");
        System.out.printf("%-58s %12.0f%n", "engine in process, 1 thread (RuleEngine.check)", engineRate);
        System.out.printf("%-58s %12.0f %10.1f %12d%n", "first rescan: every violation raises its alerts", first.perSecond(),
                first.seconds(), first.view().newAlerts());
        System.out.printf("%-58s %12.0f %10.1f %12d%n", "rescan after a rules change (findings rewritten)", second.perSecond(),
                second.seconds(), second.view().newAlerts());
        System.out.printf("scan: rescan_per_s=%.0f engine_per_s=%.0f ratio=%.2f%n", second.perSecond(), engineRate,
                second.perSecond() / engineRate);
    }

    private record RescanResult(RescanView view, double seconds) {
        double perSecond() {
            return view.done() / seconds;
        }
    }

    private RescanResult rescan(Instant from, Instant to) throws InterruptedException {
        long t0 = System.nanoTime();
        RescanView started = rescans.start(new RescanRequest(from, to), "bench");
        RescanView v = started;
        while (!"done".equals(v.status())) {
            if ("failed".equals(v.status())) {
                throw new IllegalStateException("rescan failed: " + v.error());
            }
            Thread.sleep(50);
            v = rescans.get(started.id());
        }
        return new RescanResult(v, (System.nanoTime() - t0) / 1e9);
    }

    private double engineRate(List<String> texts) {
        long sink = 0;
        for (int i = 0; i < 200; i++) {
            for (String t : texts) {
                sink += engine.check(t).hits().size();
            }
        }
        long t0 = System.nanoTime();
        int n = 0;
        while (System.nanoTime() - t0 < Duration.ofSeconds(3).toNanos()) {
            for (String t : texts) {
                sink += engine.check(t).hits().size();
                n++;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private Instant insert(List<String> texts, Instant from) throws SQLException {
        String raw = "{\"msgtype\":\"text\"}";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement("insert into chat_message (msgid, action, sender, tolist, roomid, msgtime,"
                    + " msgtype, content_text, raw, source) values (?, 'send', ?, ?, '', ?, 'text', ?, ?::jsonb, 'import')")) {
                for (int i = 0; i < VOLUME; i++) {
                    ps.setString(1, "bench-scan-" + UUID.randomUUID());
                    ps.setString(2, "bench-adv-" + (i % 50));
                    ps.setArray(3, c.createArrayOf("text", new String[] {"wmBench" + (i % 500)}));
                    ps.setTimestamp(4, Timestamp.from(from.plusSeconds(i)));
                    ps.setString(5, texts.get(i % texts.size()));
                    ps.setString(6, raw);
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return from.plusSeconds(VOLUME);
    }
}
