package io.chatguard.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.archive.simulator.ArchiveSimulator;
import io.chatguard.archive.simulator.ExpectedRecord;
import io.chatguard.archive.simulator.SimulatorSettings;
import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.scan.RescanRequest;
import io.chatguard.scan.RescanService;
import io.chatguard.scan.RescanView;
import io.chatguard.scan.ScanService;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Simulated WeCom traffic with known violations, pulled through the real pipeline and scanned: every
 * violating message gets an alert of its category, and no clean message gets a rule-hit alert.
 */
@QuarkusTest
class SimulatorTrafficAlertsTest {
    @Inject
    ArchiveConfig config;
    @Inject
    ArchiveStore store;
    @Inject
    EvidenceStore evidence;
    @Inject
    DataSource dataSource;
    @Inject
    Event<MessagesArchived> archived;
    @Inject
    ScanService scans;
    @Inject
    RescanService rescans;

    /** Fixed seeds: the same traffic every run, so a miss is a rules regression, not bad luck. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {20261122L, 7L, 4242L})
    void simulatedViolationsRaiseAlertsOfTheirCategoryAndCleanTrafficNone(long seed) throws SQLException {
        var d = SimulatorSettings.defaults(seed, 1_500);
        // A message time range of this seed's own (2001 onwards), so the rescan below touches its messages only.
        long start = Instant.parse("2001-01-01T00:00:00Z").plus(java.time.Duration.ofDays(Math.floorMod(seed, 5_000))).toEpochMilli();
        var simulator = new ArchiveSimulator(new SimulatorSettings(seed, d.volume(), d.ratePerSecond(), d.keyVersions(),
                d.violationShare(), start, SimulatorSettings.Faults.NONE));
        String source = "alerts-" + UUID.randomUUID().toString().substring(0, 8);
        new ArchiveIngestService(new ArchiveSource(source, simulator, KeyRing.fromPem(simulator.privateKeysPem()), true),
                config, store, evidence, dataSource, archived).pull();
        scans.sweep();
        List<ExpectedRecord> expected = LongStream.rangeClosed(1, simulator.produced()).mapToObj(simulator::expected)
                .filter(e -> !e.shouldBeQuarantined()).toList();
        // A seed's msgids repeat across runs on this database: bring its messages' alerts up to the current
        // rules, as a rules change would, and judge the alerts still standing.
        Instant[] range = timeRange(expected);
        RescanView job = rescans.start(new RescanRequest(range[0], range[1]), "test");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> !"running".equals(rescans.get(job.id()).status()));
        assertThat(rescans.get(job.id()).status()).isEqualTo("done");

        Map<String, Set<String>> categories = new HashMap<>();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("select m.msgid, a.category from alert a"
                + " join chat_message m on m.id = a.message_id where a.kind = 'rule_hit' and a.unmatched_version is null"
                + " and m.msgid = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", expected.stream().map(ExpectedRecord::msgid).toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    categories.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
        }

        List<ExpectedRecord> violations = expected.stream().filter(ExpectedRecord::violation).toList();
        assertThat(violations).hasSizeGreaterThan(20);
        List<String> missed = violations.stream()
                .filter(e -> !categories.getOrDefault(e.msgid(), Set.of()).contains(e.category()))
                .map(e -> e.msgid() + " (" + e.msgtype() + ", " + e.category() + ")").toList();
        List<String> flaggedClean = expected.stream().filter(e -> !e.violation() && categories.containsKey(e.msgid()))
                .map(e -> e.msgid() + " " + categories.get(e.msgid())).toList();
        assertThat(missed).as("violations without an alert of their category").isEmpty();
        assertThat(flaggedClean).as("clean messages with rule-hit alerts").isEmpty();
    }

    private Instant[] timeRange(List<ExpectedRecord> expected) throws SQLException {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select min(msgtime), max(msgtime) from chat_message where msgid = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", expected.stream().map(ExpectedRecord::msgid).toArray()));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant().plusMillis(1)};
            }
        }
    }
}
