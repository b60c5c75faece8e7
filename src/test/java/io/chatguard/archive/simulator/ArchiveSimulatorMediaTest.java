package io.chatguard.archive.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.chatguard.archive.sdk.ArchiveSdkException;
import io.chatguard.archive.sdk.MediaChunk;

class ArchiveSimulatorMediaTest {
    private static final int MAX_CHUNK = 512 * 1024;

    /** A media item as the message declares it. */
    private record Declared(String msgtype, String sdkfileid, String md5sum, long size) {
    }

    @Test
    void downloadsComeInChunksOfAtMost512KbAndReassembleToTheDeclaredMd5() throws ArchiveSdkException {
        try (ArchiveSimulator simulator = new ArchiveSimulator(SimulatorSettings.defaults(3, 400).withKeyVersions(1))) {
            List<Declared> media = declaredMedia(simulator, 400);
            assertThat(media).extracting(Declared::msgtype).contains("image", "voice", "video", "emotion", "file");
            assertThat(media).as("some files need several chunks").anyMatch(m -> m.size() > 1_000_000);
            int multiChunk = 0;
            for (Declared item : media) {
                List<MediaChunk> chunks = download(simulator, item.sdkfileid());
                assertThat(chunks).allMatch(chunk -> chunk.data().length <= MAX_CHUNK);
                byte[] file = concat(chunks);
                if (item.size() >= 0) {
                    assertThat(file).hasSize((int) item.size());
                }
                if (!item.md5sum().isEmpty()) {
                    assertThat(MediaFactory.md5(file)).as(item.toString()).isEqualTo(item.md5sum());
                }
                multiChunk += chunks.size() > 1 ? 1 : 0;
            }
            assertThat(multiChunk).isPositive();
        }
    }

    @Test
    void mediaBytesLookLikeTheirType() throws ArchiveSdkException, IOException {
        try (ArchiveSimulator simulator = new ArchiveSimulator(SimulatorSettings.defaults(3, 200).withKeyVersions(1))) {
            List<Declared> media = declaredMedia(simulator, 200);
            Declared image = media.stream().filter(m -> m.msgtype().equals("image")).findFirst().orElseThrow();
            Declared voice = media.stream().filter(m -> m.msgtype().equals("voice")).findFirst().orElseThrow();
            byte[] imageBytes = concat(download(simulator, image.sdkfileid()));
            assertThat(ImageIO.read(new ByteArrayInputStream(imageBytes))).as("decodable image").isNotNull()
                    .extracting(java.awt.image.BufferedImage::getWidth).isNotEqualTo(0);
            assertThat(imageBytes).startsWith((byte) 0xff, (byte) 0xd8);
            assertThat(new String(concat(download(simulator, voice.sdkfileid())), 0, 6, StandardCharsets.US_ASCII))
                    .isEqualTo("#!AMR\n");
            assertThat(media).filteredOn(m -> m.size() >= 0)
                    .allMatch(m -> m.size() >= 2_000, "at least 2 KB");
        }
    }

    @Test
    void corruptOnceSpoilsOnlyTheFirstCompleteDownload() throws ArchiveSdkException {
        SimulatorSettings settings = SimulatorSettings.defaults(9, 120).withKeyVersions(1)
                .withFaults(new SimulatorSettings.Faults(0, 0, 0, 0, 0, 0, 1.0, 0, -1));
        try (ArchiveSimulator simulator = new ArchiveSimulator(settings)) {
            List<Declared> media = declaredMedia(simulator, 120);
            assertThat(media).hasSizeGreaterThan(3);
            for (Declared item : media.stream().filter(m -> !m.md5sum().isEmpty()).limit(3).toList()) {
                assertThat(MediaFactory.md5(concat(download(simulator, item.sdkfileid())))).isNotEqualTo(item.md5sum());
                assertThat(MediaFactory.md5(concat(download(simulator, item.sdkfileid())))).isEqualTo(item.md5sum());
                assertThat(MediaFactory.md5(concat(download(simulator, item.sdkfileid())))).isEqualTo(item.md5sum());
            }
        }
    }

    @Test
    void pregeneratedMediaAreTheSameBytesAndStillCorruptOnce() throws ArchiveSdkException {
        SimulatorSettings settings = SimulatorSettings.defaults(9, 120).withKeyVersions(1)
                .withFaults(new SimulatorSettings.Faults(0, 0, 0, 0, 0, 0, 1.0, 0, -1));
        try (ArchiveSimulator simulator = new ArchiveSimulator(settings)) {
            simulator.pregenerate();
            List<Declared> media = declaredMedia(simulator, 120);
            assertThat(media).hasSizeGreaterThan(3);
            for (Declared item : media.stream().filter(m -> !m.md5sum().isEmpty()).toList()) {
                assertThat(MediaFactory.md5(concat(download(simulator, item.sdkfileid())))).isNotEqualTo(item.md5sum());
                assertThat(MediaFactory.md5(concat(download(simulator, item.sdkfileid())))).isEqualTo(item.md5sum());
            }
        }
    }

    @Test
    void groundTruthListsTheMediaMd5sAndCorruptOnceFlag() {
        SimulatorSettings settings = SimulatorSettings.defaults(9, 120).withKeyVersions(1)
                .withFaults(new SimulatorSettings.Faults(0, 0, 0, 0, 0, 0, 1.0, 0, -1));
        try (ArchiveSimulator simulator = new ArchiveSimulator(settings)) {
            for (long seq = 1; seq <= 120; seq++) {
                ExpectedRecord expected = simulator.expected(seq);
                List<Declared> declared = declaredMedia(simulator, seq, seq);
                assertThat(expected.mediaMd5s()).hasSameSizeAs(declared)
                        .containsAll(declared.stream().map(Declared::md5sum).filter(md5 -> !md5.isEmpty()).toList());
                assertThat(expected.mediaCorruptOnce()).isEqualTo(!expected.mediaMd5s().isEmpty());
            }
        }
    }

    @Test
    void unknownSdkFileIdIsRejectedWith10005() {
        try (ArchiveSimulator simulator = new ArchiveSimulator(SimulatorSettings.defaults(3, 10).withKeyVersions(1));
                ArchiveSimulator other = new ArchiveSimulator(SimulatorSettings.defaults(4, 40).withKeyVersions(1))) {
            String foreign = declaredMedia(other, 40).getFirst().sdkfileid();
            for (String id : List.of("CtYBMzA2garbage", "", foreign)) {
                assertThatThrownBy(() -> simulator.getMediaData(id, ""))
                        .isInstanceOfSatisfying(ArchiveSdkException.class, e -> assertThat(e.code()).isEqualTo(10005));
            }
        }
    }

    private static List<MediaChunk> download(ArchiveSimulator simulator, String sdkfileid) throws ArchiveSdkException {
        List<MediaChunk> chunks = new ArrayList<>();
        String index = "";
        while (true) {
            MediaChunk chunk = simulator.getMediaData(sdkfileid, index);
            chunks.add(chunk);
            if (chunk.finished()) {
                return chunks;
            }
            index = chunk.nextIndexBuf();
        }
    }

    private static byte[] concat(List<MediaChunk> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(chunk -> out.writeBytes(chunk.data()));
        return out.toByteArray();
    }

    private static List<Declared> declaredMedia(ArchiveSimulator simulator, long volume) {
        return declaredMedia(simulator, 1, volume);
    }

    /** Every sdkfileid in the decrypted messages, including those inside mixed and chatrecord items. */
    private static List<Declared> declaredMedia(ArchiveSimulator simulator, long from, long to) {
        List<Declared> media = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            JsonNode message = SimulatorDecoder.readTree(simulator.plaintext(seq));
            String msgtype = message.path("msgtype").asText();
            collect(msgtype, message.path(msgtype), media);
            for (JsonNode item : message.path(msgtype).path("item")) {
                if (item.path("content").isTextual()) {
                    collect(msgtype, SimulatorDecoder.readTree(item.get("content").asText()), media);
                }
            }
        }
        return media;
    }

    private static void collect(String msgtype, JsonNode body, List<Declared> media) {
        if (body.hasNonNull("sdkfileid")) {
            long size = body.has("filesize") ? body.get("filesize").asLong()
                    : body.has("voice_size") ? body.get("voice_size").asLong()
                    : body.has("imagesize") ? body.get("imagesize").asLong() : -1;
            media.add(new Declared(msgtype, body.get("sdkfileid").asText(), body.path("md5sum").asText(""), size));
        }
    }
}
