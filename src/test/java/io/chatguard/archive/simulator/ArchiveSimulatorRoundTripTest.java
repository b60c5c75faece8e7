package io.chatguard.archive.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatguard.archive.sdk.ArchiveSdkException;
import io.chatguard.archive.simulator.ExpectedRecord.Fault;

class ArchiveSimulatorRoundTripTest {
    /** Every record fault at 3 %, so a 500-record stream exercises each path several times. */
    private static final SimulatorSettings.Faults FREQUENT_FAULTS =
            new SimulatorSettings.Faults(0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0, 0, -1);

    @Test
    void everyRecordDecryptsWithThePemKeysOrFailsExactlyAsItsFaultDeclares() throws Exception {
        SimulatorSettings settings = SimulatorSettings.defaults(77, 500).withFaults(FREQUENT_FAULTS);
        try (ArchiveSimulator simulator = new ArchiveSimulator(settings)) {
            SimulatorDecoder decoder = new SimulatorDecoder(simulator.privateKeysPem());
            List<SimulatorDecoder.Entry> entries = SimulatorDecoder.pullAll(simulator, 1000);
            assertThat(entries).extracting(SimulatorDecoder.Entry::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 500).boxed().toList());

            Map<Fault, Integer> seen = new EnumMap<>(Fault.class);
            Set<Integer> versions = new TreeSet<>();
            for (SimulatorDecoder.Entry entry : entries) {
                ExpectedRecord expected = simulator.expected(entry.seq());
                assertThat(entry.msgid()).isEqualTo(expected.msgid());
                seen.merge(expected.fault(), 1, Integer::sum);
                versions.add(entry.publickeyVer());
                checkRecord(simulator, decoder, entry, expected);
            }
            assertThat(seen.keySet()).containsExactlyInAnyOrder(Fault.values());
            assertThat(versions).containsExactly(1, 2, 99);
        }
    }

    private static void checkRecord(ArchiveSimulator simulator, SimulatorDecoder decoder,
            SimulatorDecoder.Entry entry, ExpectedRecord expected) throws Exception {
        switch (expected.fault()) {
            case BAD_BASE64 -> assertThatThrownBy(() -> Base64.getDecoder().decode(entry.encryptRandomKey()))
                    .isInstanceOf(IllegalArgumentException.class);
            case UNKNOWN_KEY_VERSION -> {
                assertThat(entry.publickeyVer()).isEqualTo(99);
                assertThat(decoder.hasKey(99)).isFalse();
            }
            case CORRUPT_CIPHERTEXT -> {
                String randomKey = decoder.randomKey(entry);
                assertThatThrownBy(() -> simulator.decryptData(randomKey, entry.encryptChatMsg()))
                        .isInstanceOfSatisfying(ArchiveSdkException.class, e -> assertThat(e.code()).isEqualTo(10006));
            }
            case INVALID_JSON -> {
                String json = simulator.decryptData(decoder.randomKey(entry), entry.encryptChatMsg());
                assertThatThrownBy(() -> SimulatorDecoder.readTree(SimulatorDecoder.escapeControlChars(json)))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            case CONTROL_CHARS -> {
                String json = simulator.decryptData(decoder.randomKey(entry), entry.encryptChatMsg());
                assertThat(json.chars().anyMatch(c -> c < 0x20)).as("raw control characters").isTrue();
                assertThatThrownBy(() -> SimulatorDecoder.readTree(json)).isInstanceOf(IllegalArgumentException.class);
                assertMessage(SimulatorDecoder.readTree(SimulatorDecoder.escapeControlChars(json)), expected);
            }
            case NONE, UNKNOWN_MSGTYPE -> {
                String json = simulator.decryptData(decoder.randomKey(entry), entry.encryptChatMsg());
                assertThat(json.chars().noneMatch(c -> c < 0x20)).as("no raw control characters").isTrue();
                assertThat(json).isEqualTo(simulator.plaintext(entry.seq()));
                assertMessage(SimulatorDecoder.readTree(json), expected);
            }
        }
    }

    private static void assertMessage(JsonNode message, ExpectedRecord expected) {
        assertThat(message.path("msgid").asText()).isEqualTo(expected.msgid());
        if (expected.msgtype().equals("switch")) {
            assertThat(message.path("action").asText()).isEqualTo("switch");
        } else {
            assertThat(message.path("msgtype").asText()).isEqualTo(expected.msgtype());
        }
        if (expected.fault() == Fault.UNKNOWN_MSGTYPE) {
            assertThat(message.has(expected.msgtype())).as("body under the unknown msgtype").isTrue();
        }
    }

    @Test
    void quarantinedRecordsAreExactlyTheFirstFourFaults() {
        assertThat(Set.of(Fault.values())).filteredOn(Fault::quarantined).containsExactlyInAnyOrder(
                Fault.BAD_BASE64, Fault.UNKNOWN_KEY_VERSION, Fault.CORRUPT_CIPHERTEXT, Fault.INVALID_JSON);
    }

    @Test
    void privateKeysAlternatePkcs8AndPkcs1AndBothParse() throws GeneralSecurityException {
        SimulatorSettings settings = SimulatorSettings.defaults(5, 10).withKeyVersions(3);
        try (ArchiveSimulator simulator = new ArchiveSimulator(settings)) {
            Map<Integer, String> pems = simulator.privateKeysPem();
            assertThat(pems).containsOnlyKeys(1, 2, 3);
            assertThat(pems.get(1)).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(pems.get(2)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
            assertThat(pems.get(3)).startsWith("-----BEGIN PRIVATE KEY-----");
            for (String pem : pems.values()) {
                assertThat(((java.security.interfaces.RSAPrivateKey) SimulatorDecoder.parsePem(pem)).getModulus()
                        .bitLength()).isEqualTo(2048);
            }
        }
    }

    @Test
    void decryptDataRejectsGarbageWith10006() {
        try (ArchiveSimulator simulator = new ArchiveSimulator(SimulatorSettings.defaults(5, 1).withKeyVersions(1))) {
            String key = "A".repeat(32);
            assertThatThrownBy(() -> simulator.decryptData(key, "not base64!"))
                    .isInstanceOfSatisfying(ArchiveSdkException.class, e -> assertThat(e.code()).isEqualTo(10006));
            assertThatThrownBy(() -> simulator.decryptData(key, Base64.getEncoder().encodeToString(new byte[48])))
                    .isInstanceOfSatisfying(ArchiveSdkException.class, e -> assertThat(e.code()).isEqualTo(10006));
        }
    }
}
