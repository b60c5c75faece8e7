package io.chatguard.archive.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatguard.archive.sdk.ArchiveSdkException;

class ArchiveSimulatorApiTest {
    private static final SimulatorSettings SMALL = SimulatorSettings.defaults(11, 50).withKeyVersions(1);

    @Test
    void rejectsLimitAboveOneThousandWithBadParameter() {
        try (ArchiveSimulator simulator = new ArchiveSimulator(SMALL)) {
            assertThatThrownBy(() -> simulator.getChatData(0, 1001))
                    .isInstanceOfSatisfying(ArchiveSdkException.class, e -> assertThat(e.code()).isEqualTo(10000));
        }
    }

    @Test
    void returnsAtMostLimitRecordsWithSeqAboveTheCursor() throws ArchiveSdkException {
        try (ArchiveSimulator simulator = new ArchiveSimulator(SMALL)) {
            JsonNode page = SimulatorDecoder.readTree(simulator.getChatData(10, 5));
            assertThat(page.path("errcode").asInt()).isZero();
            assertThat(page.path("errmsg").asText()).isEqualTo("ok");
            assertThat(seqs(page)).containsExactly(11L, 12L, 13L, 14L, 15L);
            assertThat(seqs(SimulatorDecoder.readTree(simulator.getChatData(48, 1000)))).containsExactly(49L, 50L);
            assertThat(seqs(SimulatorDecoder.readTree(simulator.getChatData(50, 1000)))).isEmpty();
        }
    }

    @Test
    void releasesRecordsAtTheConfiguredRate() throws ArchiveSdkException {
        MutableClock clock = new MutableClock(1_000_000);
        try (ArchiveSimulator simulator = new ArchiveSimulator(SMALL.withRatePerSecond(4), clock)) {
            assertThat(simulator.produced()).isZero();
            assertThat(seqs(SimulatorDecoder.readTree(simulator.getChatData(0, 100)))).isEmpty();

            clock.advance(Duration.ofMillis(2_500));
            assertThat(simulator.produced()).isEqualTo(10);
            assertThat(seqs(SimulatorDecoder.readTree(simulator.getChatData(0, 100)))).hasSize(10).last()
                    .isEqualTo(10L);

            clock.advance(Duration.ofHours(1));
            assertThat(simulator.produced()).isEqualTo(50);
        }
    }

    @Test
    void reportsExpiredSubscriptionFromTheFatalSeqOn() throws ArchiveSdkException {
        SimulatorSettings settings = SMALL.withFaults(SimulatorSettings.Faults.NONE.withFatalFromSeq(30));
        try (ArchiveSimulator simulator = new ArchiveSimulator(settings)) {
            assertThat(seqs(SimulatorDecoder.readTree(simulator.getChatData(0, 1000)))).hasSize(50);
            JsonNode expired = SimulatorDecoder.readTree(simulator.getChatData(30, 100));
            assertThat(expired.path("errcode").asInt()).isEqualTo(301052);
            assertThat(expired.path("errmsg").asText()).isEqualTo("archive subscription expired");
            assertThat(expired.has("chatdata")).isFalse();
        }
    }

    @Test
    void injectsTransientErrorsAtRoughlyTheConfiguredRateAndTheSameCallsEachRun() {
        SimulatorSettings settings = SMALL.withFaults(SimulatorSettings.Faults.NONE.withTransientError(0.2));
        List<Integer> first = transientCodes(settings);
        List<Integer> second = transientCodes(settings);
        assertThat(second).isEqualTo(first);
        long failures = first.stream().filter(code -> code != 0).count();
        assertThat(failures).isBetween(25L, 60L);
        assertThat(first).filteredOn(code -> code != 0).containsOnly(10001, 10002).contains(10001, 10002);
    }

    private static List<Integer> transientCodes(SimulatorSettings settings) {
        List<Integer> codes = new ArrayList<>();
        try (ArchiveSimulator simulator = new ArchiveSimulator(settings)) {
            for (int call = 0; call < 200; call++) {
                try {
                    simulator.getChatData(0, 1);
                    codes.add(0);
                } catch (ArchiveSdkException e) {
                    assertThat(e.isTransient()).isTrue();
                    codes.add(e.code());
                }
            }
        }
        return codes;
    }

    @Test
    void closedSimulatorRefusesEveryCall() {
        ArchiveSimulator simulator = new ArchiveSimulator(SMALL);
        simulator.close();
        assertThatThrownBy(() -> simulator.getChatData(0, 10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> simulator.decryptData("A".repeat(32), "")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> simulator.getMediaData("Ct", "")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> simulator.expected(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void settingsRejectImpossibleValues() {
        assertThatThrownBy(() -> SimulatorSettings.defaults(1, 10).withKeyVersions(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorSettings.defaults(1, 10).withViolationShare(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorSettings.Faults(0.5, 0.5, 0.5, 0, 0, 0, 0, 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.path("chatdata").forEach(record -> seqs.add(record.get("seq").asLong()));
        return seqs;
    }
}
