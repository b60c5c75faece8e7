package io.chatguard.scan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * violating (message, rule) pair; (2) a rescan after an edit that changes no verdict (a new version:
 * every message is checked and confirmed, nothing written); (3) a rescan after a real rules change, a
 * term dropped from one rule and a word added to another (made in one round, taken back in the next): the
 * messages whose hits change get their findings and alerts brought in line. (2) and (3) are repeated
 * ({@code bench.scan.rounds}, after {@code bench.scan.warmup} untimed rounds) and their medians reported;
 * the result line reports (3). Each rescan is timed by the job's own start and finish, after PostgreSQL
 * has vacuumed and analysed what the step before wrote. Dev's texts are ~64 % violations, far more than
 * real traffic, so the write load is pessimistic.
 */
@QuarkusTest
@Tag("bench")
@TestProfile(ScanBenchmark.OwnRules.class)
class ScanBenchmark {
    // Large enough that a timed rescan runs for a second or two: shorter ones measured JIT and VM noise.
    private static final int VOLUME = Integer.getInteger("bench.scan.volume", 200_000);
    private static final int ROUNDS = Integer.getInteger("bench.scan.rounds", 3);
    private static final int WARMUP = Integer.getInteger("bench.scan.warmup", 2);
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
        Instant from = freshPeriod();
        Instant to = insert(texts, from);

        RescanResult first = rescan(from, to);
        double engineBefore = 0;
        var unchanged = new ArrayList<RescanResult>();
        var changed = new ArrayList<RescanResult>();
        // Untimed rounds first: a minute into its life the JVM is still compiling (C2 busy on a core of two).
        for (int round = 0; round < WARMUP + ROUNDS; round++) {
            if (round == WARMUP) {
                engineBefore = engineRate(texts);
            }
            // An edit that changes no verdict: a new version, every message confirmed as it was.
            Path lexicon = DIR.resolve("lexicons").resolve("news.txt");
            Files.writeString(lexicon, Files.readString(lexicon, StandardCharsets.UTF_8) + "\n# bench " + UUID.randomUUID()
                    + "\n", StandardCharsets.UTF_8);
            rules.reload("bench");
            RescanResult same = rescan(from, to);
            // A real rules change, made in even rounds and taken back in odd ones: 返佣 alone no longer a
            // rebate term (its alerts stop matching) and a new promise word 翻倍 (new alerts).
            boolean back = round % 2 == 1;
            edit(DIR.resolve("kickback.yaml"), back ? "      返点 |" : "      返佣 | 返点 |", back ? "      返佣 | 返点 |" : "      返点 |");
            edit(DIR.resolve("guarantee_return.yaml"), back ? "翻倍 | 保本 | 保本保息" : "保本 | 保本保息",
                    back ? "保本 | 保本保息" : "翻倍 | 保本 | 保本保息");
            rules.reload("bench");
            RescanResult change = rescan(from, to);
            if (round >= WARMUP) {
                unchanged.add(same);
                changed.add(change);
            }
        }
        double engineAfter = engineRate(texts);
        // The faster of the two: the ratio is not flattered by a slow engine measurement.
        double engineRate = Math.max(engineBefore, engineAfter);

        // One write, so Maven's own output cannot land inside the table.
        var table = new StringBuilder("\n");
        table.append(String.format("scan benchmark: %d messages (dev corpus texts, avg %.1f chars) stored in PostgreSQL;"
                + " rescan batch %s, %s check threads; medians of %d rounds after %d untimed%n", VOLUME,
                texts.stream().mapToInt(String::length).average().orElse(0),
                System.getProperty("chatguard.scan.rescan-batch-size", "5000 (default)"),
                System.getProperty("chatguard.scan.rescan-threads", Runtime.getRuntime().availableProcessors() + " (default)"),
                ROUNDS, WARMUP));
        table.append(String.format("%-58s %12s %10s %10s %10s %10s %10s%n", "measurement", "messages/s", "seconds", "changed",
                "new alerts", "unmatched", "rematched"));
        table.append(String.format("%-58s %12.0f   (after warm-up %.0f, at the end %.0f)%n",
                "engine in process, 1 thread (RuleEngine.check)", engineRate, engineBefore, engineAfter));
        table.append(row("first rescan: every violation raises its alerts", first));
        table.append(row("rescan after an edit that changes no verdict", median(unchanged)));
        table.append(row("rescan after a rules change (a term dropped, a word added)", median(changed)));
        table.append(String.format("  each round, rules change: %s messages/s%n",
                changed.stream().map(r -> String.format("%.0f", r.perSecond())).toList()));
        table.append(String.format("  each round, no verdict change: %s messages/s%n",
                unchanged.stream().map(r -> String.format("%.0f", r.perSecond())).toList()));
        RescanResult result = median(changed);
        table.append(String.format("scan: rescan_per_s=%.0f engine_per_s=%.0f ratio=%.2f%n", result.perSecond(), engineRate,
                result.perSecond() / engineRate));
        System.out.print(table);
        System.out.flush();
    }

    private static RescanResult median(List<RescanResult> results) {
        var sorted = new ArrayList<>(results);
        sorted.sort(java.util.Comparator.comparingDouble(RescanResult::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    /** A message-time range after every message in the database, so runs do not rescan each other's messages. */
    private Instant freshPeriod() throws SQLException {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("select max(msgtime) from chat_message")) {
            rs.next();
            Instant floor = Instant.parse("2031-01-01T00:00:00Z");
            var last = rs.getTimestamp(1);
            return last == null || last.toInstant().isBefore(floor) ? floor : last.toInstant().plus(Duration.ofDays(1));
        }
    }

    private static String row(String what, RescanResult r) {
        return String.format("%-58s %12.0f %10.2f %10d %10d %10d %10d%n", what, r.perSecond(), r.seconds(),
                r.view().changedMessages(), r.view().newAlerts(), r.view().unmatchedAlerts(), r.view().rematchedAlerts());
    }

    private static void edit(Path file, String from, String to) throws java.io.IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " no longer contains " + from + ": update the benchmark's rules change");
        }
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private record RescanResult(RescanView view, double seconds) {
        double perSecond() {
            return view.done() / seconds;
        }
    }

    private RescanResult rescan(Instant from, Instant to) throws InterruptedException, SQLException {
        settle();
        RescanView started = rescans.start(new RescanRequest(from, to), "bench");
        RescanView v = started;
        while (!"done".equals(v.status())) {
            if ("failed".equals(v.status())) {
                throw new IllegalStateException("rescan failed: " + v.error());
            }
            Thread.sleep(20);
            v = rescans.get(started.id());
        }
        // The job's own start and finish (what GET /api/v1/rescans/{id} reports), not this loop's polling.
        return new RescanResult(v, Duration.between(v.startedAt(), v.finishedAt()).toNanos() / 1e9);
    }

    /**
     * Lets PostgreSQL finish with what the previous step wrote (vacuum, analyze), as autovacuum
     * would between a bulk load and the next job, so one timed rescan does not pay for the step before it.
     */
    private void settle() throws SQLException {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("vacuum (analyze) chat_message, message_scan, finding, alert, alert_event");
        }
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
