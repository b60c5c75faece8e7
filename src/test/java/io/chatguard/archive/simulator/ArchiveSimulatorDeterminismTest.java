package io.chatguard.archive.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chatguard.archive.sdk.ArchiveSdkException;

class ArchiveSimulatorDeterminismTest {
    private static final SimulatorSettings SETTINGS = SimulatorSettings.defaults(20250303, 500)
            .withFaults(SimulatorSettings.Faults.mixed().withTransientError(0))
            .withViolationShare(0.15);

    @Test
    void sameSettingsGiveByteIdenticalResponsesInANewInstance() throws ArchiveSdkException {
        List<String> first;
        List<String> second;
        try (ArchiveSimulator simulator = new ArchiveSimulator(SETTINGS)) {
            first = pages(simulator, 333);
        }
        // A restarted service re-pulls with different page boundaries than before the crash.
        try (ArchiveSimulator restarted = new ArchiveSimulator(SETTINGS)) {
            second = pages(restarted, 100);
            assertThat(restarted.getChatData(120, 7)).isEqualTo(restarted.getChatData(120, 7));
        }
        assertThat(second).isEqualTo(first);
    }

    @Test
    void pregeneratedSimulatorServesTheSameResponses() throws ArchiveSdkException {
        List<String> generated;
        try (ArchiveSimulator simulator = new ArchiveSimulator(SETTINGS)) {
            generated = pages(simulator, 333);
        }
        try (ArchiveSimulator pregenerated = new ArchiveSimulator(SETTINGS)) {
            pregenerated.pregenerate();
            assertThat(pages(pregenerated, 100)).isEqualTo(generated);
        }
    }

    @Test
    void sameSettingsGiveTheSamePrivateKeysAndGroundTruth() {
        try (ArchiveSimulator a = new ArchiveSimulator(SETTINGS); ArchiveSimulator b = new ArchiveSimulator(SETTINGS)) {
            assertThat(b.privateKeysPem()).isEqualTo(a.privateKeysPem());
            assertThat(b.expected(250)).isEqualTo(a.expected(250));
        }
    }

    @Test
    void differentSeedsGiveDifferentStreams() throws ArchiveSdkException {
        SimulatorSettings other = new SimulatorSettings(SETTINGS.seed() + 1, 20, 0, 1, 0.15,
                SETTINGS.startEpochMillis(), SimulatorSettings.Faults.NONE);
        SimulatorSettings same = new SimulatorSettings(SETTINGS.seed(), 20, 0, 1, 0.15,
                SETTINGS.startEpochMillis(), SimulatorSettings.Faults.NONE);
        try (ArchiveSimulator a = new ArchiveSimulator(same); ArchiveSimulator b = new ArchiveSimulator(other)) {
            assertThat(b.getChatData(0, 20)).isNotEqualTo(a.getChatData(0, 20));
            assertThat(b.expected(1).msgid()).isNotEqualTo(a.expected(1).msgid());
        }
    }

    /** Every record pulled with {@code pageSize}, then the whole stream as one response text. */
    private static List<String> pages(ArchiveSimulator simulator, int pageSize) throws ArchiveSdkException {
        List<String> records = new ArrayList<>();
        for (SimulatorDecoder.Entry entry : SimulatorDecoder.pullAll(simulator, pageSize)) {
            records.add(entry.toString());
        }
        records.add(simulator.getChatData(0, 1000));
        return records;
    }
}
