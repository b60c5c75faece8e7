package io.chatguard.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.chatguard.archive.simulator.ArchiveSimulator;
import io.chatguard.archive.simulator.ExpectedRecord;
import io.chatguard.archive.simulator.SimulatorSettings;

/**
 * Kills the packaged service with SIGKILL while it ingests, restarts it, and checks that the archive
 * ends exactly as the simulator says it should: every record stored or quarantined once, no
 * duplicates, the cursor at the end.
 */
class ArchiveCrashRecoveryIT {
    private static final long VOLUME = 3_000;
    /** The database the packaged service uses in the test profile (application.properties). */
    private static final String DB = System.getenv().getOrDefault("CHATGUARD_TEST_DB_URL",
            "jdbc:postgresql://127.0.0.1:5432/chatguard_test");
    private static final String USER = System.getenv().getOrDefault("CHATGUARD_DB_USER", "chatguard");
    private static final String PASSWORD = System.getenv().getOrDefault("CHATGUARD_DB_PASSWORD", "chatguard");

    @Test
    void sigkillMidIngestLosesAndDuplicatesNothing() throws Exception {
        long seed = ThreadLocalRandom.current().nextLong();
        String source = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        var simulator = new ArchiveSimulator(
                SimulatorSettings.defaults(seed, VOLUME).withFaults(SimulatorSettings.Faults.mixed()));

        Process first = start(seed, source, Files.createTempFile("chatguard-crash-1", ".log"));
        try {
            Awaitility.await("some batches committed").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> counter(source, "last_seq") >= 300);
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hooks, no graceful close
            first.waitFor(30, TimeUnit.SECONDS);
        }
        long atKill = counter(source, "last_seq");
        assertThat(atKill).as("killed mid-ingest").isLessThan(VOLUME);

        Path secondLog = Files.createTempFile("chatguard-crash-2", ".log");
        Process second = start(seed, source, secondLog);
        try {
            Awaitility.await("ingest finished after restart").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> counter(source, "last_seq") == VOLUME);
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }

        List<ExpectedRecord> expected = LongStream.rangeClosed(1, VOLUME).mapToObj(simulator::expected).toList();
        List<String> storable = expected.stream().filter(e -> !e.shouldBeQuarantined()).map(ExpectedRecord::msgid)
                .toList();
        long quarantinable = expected.stream().filter(ExpectedRecord::shouldBeQuarantined).count();
        assertThat(scalar("select count(*) from chat_message where msgid = any(?)", storable))
                .isEqualTo(storable.size());
        assertThat(scalar("select count(distinct msgid) from chat_message where msgid = any(?)", storable))
                .isEqualTo(storable.size());
        assertThat(scalar("select count(*) from quarantined_record where source = ?", source)).isEqualTo(quarantinable);
        assertThat(counter(source, "stored_count") + counter(source, "quarantined_count")).isEqualTo(VOLUME);
        assertThat(scalar("select count(*) from media_object mo join chat_message m on m.id = mo.message_id"
                + " where m.msgid = any(?) and mo.status <> 'stored'", storable)).isZero();
    }

    private static Process start(long seed, String source, Path log) throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.profile=test",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dchatguard.archive.source-name=" + source,
                "-Dchatguard.archive.simulator.seed=" + seed,
                "-Dchatguard.archive.simulator.volume=" + VOLUME,
                "-Dchatguard.archive.simulator.rate-per-second=0",
                "-Dchatguard.archive.simulator.faults=mixed",
                "-Dchatguard.archive.pull.every=1s",
                "-Dchatguard.archive.pull.batch-size=100",
                // One decrypt thread keeps batches slow enough to be killed in the middle of one.
                "-Dchatguard.archive.decrypt-threads=1",
                "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_"));
        return builder.start();
    }

    private static long counter(String source, String column) throws SQLException {
        try (Connection c = DriverManager.getConnection(DB, USER, PASSWORD);
                var ps = c.prepareStatement("select " + column + " from ingest_cursor where source = ?")) {
            ps.setString(1, source);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static long scalar(String sql, Object param) throws SQLException {
        try (Connection c = DriverManager.getConnection(DB, USER, PASSWORD); var ps = c.prepareStatement(sql)) {
            if (param instanceof List<?> list) {
                ps.setArray(1, c.createArrayOf("text", list.toArray()));
            } else {
                ps.setObject(1, param);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
