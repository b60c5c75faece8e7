package io.chatguard.report;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.chatguard.archive.ArchiveImportService;
import io.chatguard.evidence.EvidenceLedger;
import io.chatguard.rules.eval.CorpusEvaluation;
import io.chatguard.rules.eval.LabelledMessage;
import io.chatguard.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code scripts/bench export}: exports a report of {@code bench.export.messages} alerts (100 000), each on
 * its own message with a rule hit and a raise event, in every format with the evidence package, and
 * reports the time from creation to done and the peak heap used meanwhile (sampled every 20 ms; the heap
 * is collected before the export starts). Texts are the dev corpus's, repeated. Messages go in through the NDJSON import (so each has evidence
 * in object storage, as in production); alerts and findings are written with SQL, the scan being another
 * benchmark's subject. Not part of the test suite (tag {@code bench}).
 */
@QuarkusTest
@Tag("bench")
@TestProfile(ExportBenchmark.NoScan.class)
class ExportBenchmark {
    private static final int MESSAGES = Integer.getInteger("bench.export.messages", 100_000);
    private static final int IMPORT_BATCH = 5_000;

    /** Messages are not scanned on import: alerts are made directly. */
    public static class NoScan implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chatguard.scan.on-ingest", "false");
        }
    }

    @Inject
    ArchiveImportService imports;
    @Inject
    ReportService reports;
    @Inject
    ReportRepository repository;
    @Inject
    EvidenceLedger ledger;
    @Inject
    DataSource dataSource;

    @Test
    void export() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String employee = "bench-export-" + run;
        List<String> texts = CorpusEvaluation.read(java.nio.file.Path.of("..", "shared", "corpus", "dev.jsonl")).stream()
                .map(LabelledMessage::text).toList();
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        for (int from = 0; from < MESSAGES; from += IMPORT_BATCH) {
            var body = new StringBuilder();
            for (int i = from; i < Math.min(MESSAGES, from + IMPORT_BATCH); i++) {
                body.append("{\"msgid\":\"bx-").append(run).append('-').append(i).append("\",\"action\":\"send\",\"from\":\"")
                        .append(employee).append("\",\"tolist\":[\"wmClient").append(i % 50).append("\"],\"roomid\":\"\",\"msgtime\":")
                        .append(start.toEpochMilli() + i).append(",\"msgtype\":\"text\",\"text\":{\"content\":")
                        .append(TestData.jsonString(texts.get(i % texts.size()))).append("}}\n");
            }
            imports.importLines(body.toString().getBytes(StandardCharsets.UTF_8), "bench");
        }
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        execute("insert into alert (kind, message_id, rule_id, rules_version, category, severity, status, employee_userid,"
                + " conversation_id, created_at, due_at, message_time)"
                + " select 'rule_hit', id, 'guarantee_return.principal', 'bench', 'guarantee_return', 'high', 'open', sender,"
                + " conversation_id, now(), now() + interval '1 day', msgtime from chat_message where sender = '" + employee + "'");
        execute("insert into alert_event (alert_id, occurred_at, actor, action, after)"
                + " select id, created_at, 'system', 'raise', '{\"status\":\"open\"}'::jsonb from alert where employee_userid = '"
                + employee + "'");
        execute("insert into finding (message_id, rule_id, rules_version, category, severity, action, start_offset, end_offset,"
                + " matched, original) select id, 'guarantee_return.principal', 'bench', 'guarantee_return', 'high', 'BLOCK', 0,"
                + " least(2, length(content_text)), '保本', left(content_text, 2) from chat_message where sender = '" + employee
                + "' and length(content_text) > 0");
        for (String table : List.of("alert", "alert_event", "finding", "message_evidence", "chat_message")) {
            execute("vacuum analyze " + table);
        }
        ledger.append();

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        var peak = new AtomicLong(baseline);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long t1 = System.nanoTime();
        ReportView created = reports.create(new CreateReportRequest("基准测试报告 " + run, start.minusSeconds(60),
                Instant.now().plusSeconds(60), List.of(employee), List.of(), List.of()), "bench");
        ReportView done;
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the export did not finish in 20 minutes");
            }
            Thread.sleep(200);
            done = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
                Report r = repository.findById(created.id());
                return new ReportView(r.id, r.title, r.createdBy, r.createdAt, r.periodFrom, r.periodTo, null, r.status,
                        r.totalAlerts, r.doneAlerts, r.packageSha256, r.packageSize, r.finishedAt, r.expiresAt, r.error);
            });
            if (done.status().equals("done") || done.status().equals("failed")) {
                break;
            }
        }
        double seconds = (System.nanoTime() - t1) / 1e9;
        sampler.interrupt();
        sampler.join();
        if (!done.status().equals("done")) {
            throw new AssertionError("export failed: " + done.error());
        }
        long peakMb = peak.get() / (1024 * 1024);
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%n%-34s %12s%n", "report export", "");
        System.out.printf("%-34s %12d%n", "messages (alerts) exported", done.doneAlerts());
        System.out.printf("%-34s %12.1f%n", "import of the messages, s", importSeconds);
        System.out.printf("%-34s %12.1f%n", "export, s", seconds);
        System.out.printf("%-34s %12.0f%n", "export, alerts/s", done.doneAlerts() / seconds);
        System.out.printf("%-34s %12d%n", "heap used before, MB", baseline / (1024 * 1024));
        System.out.printf("%-34s %12d%n", "peak heap used during, MB", peakMb);
        System.out.printf("%-34s %12d%n", "max heap, MB", rt.maxMemory() / (1024 * 1024));
        System.out.printf("%-34s %12.1f%n", "package, MB", done.packageSize() / 1e6);
        System.out.printf("export: messages=%d seconds=%.1f peak_heap_mb=%d%n", done.doneAlerts(), seconds, peakMb);
    }

    private void execute(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
