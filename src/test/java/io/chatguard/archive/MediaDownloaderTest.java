package io.chatguard.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.archive.StoreBatch.StoredMedia;
import io.chatguard.archive.message.MediaRef;
import io.chatguard.archive.message.MessageParser;
import io.chatguard.archive.sdk.ArchiveSdk;
import io.chatguard.archive.sdk.ArchiveSdkException;
import io.chatguard.archive.sdk.MediaChunk;
import io.chatguard.archive.simulator.ArchiveSimulator;
import io.chatguard.archive.simulator.SimulatorSettings;
import io.chatguard.archive.simulator.SimulatorSettings.Faults;
import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.platform.storage.Sha256;
import io.quarkus.test.junit.QuarkusTest;

/** Media downloads hashed while the chunks arrive, against the real S3Proxy. */
@QuarkusTest
class MediaDownloaderTest {
    private static final Faults CORRUPT_ONCE = new Faults(0, 0, 0, 0, 0, 0, 1.0, 0, -1);

    @Inject
    EvidenceStore evidence;

    @Test
    void aFileSpanningSeveralChunksIsStoredUnderTheHashOfItsBytesAfterACorruptFirstDownload() throws Exception {
        // Seed 3 has files above 1 MB among its first 400 records (see ArchiveSimulatorMediaTest).
        SimulatorSettings settings = SimulatorSettings.defaults(3, 400).withKeyVersions(1).withFaults(CORRUPT_ONCE);
        try (var simulator = new ArchiveSimulator(settings);
                var sameFiles = new ArchiveSimulator(settings.withFaults(Faults.NONE))) {
            MediaRef ref = media(simulator).stream().filter(m -> m.size() > 1_000_000 && !m.md5sum().isEmpty())
                    .findFirst().orElseThrow();
            byte[] bytes = download(sameFiles, ref);

            StoredMedia stored = downloader(simulator).download(ref);

            assertThat(stored).extracting(StoredMedia::stored, StoredMedia::attempts, StoredMedia::sha256,
                    StoredMedia::size).containsExactly(true, 2, Sha256.hex(bytes), (long) bytes.length);
            try (InputStream in = evidence.get(stored.objectKey())) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
        }
    }

    @Test
    void aFileWhoseMd5NeverMatchesIsRecordedFailedAfterTheLastAttempt() throws Exception {
        try (var simulator = new ArchiveSimulator(settings(Faults.NONE))) {
            MediaRef ref = media(simulator).stream().filter(m -> !m.md5sum().isEmpty()).findFirst().orElseThrow();
            ArchiveSdk alwaysCorrupt = new CorruptingSdk(simulator);

            StoredMedia stored = downloader(alwaysCorrupt).download(ref);

            assertThat(stored).extracting(StoredMedia::stored, StoredMedia::attempts, StoredMedia::objectKey)
                    .containsExactly(false, 3, null);
            assertThat(stored.error()).startsWith("md5 mismatch: WeCom says " + ref.md5sum());
        }
    }

    private MediaDownloader downloader(ArchiveSdk sdk) {
        return new MediaDownloader(sdk, evidence, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)), 3);
    }

    private static SimulatorSettings settings(Faults faults) {
        return SimulatorSettings.defaults(ThreadLocalRandom.current().nextLong(), 400).withKeyVersions(1)
                .withFaults(faults);
    }

    private static List<MediaRef> media(ArchiveSimulator simulator) throws Exception {
        MessageParser parser = new MessageParser();
        List<MediaRef> media = new ArrayList<>();
        for (long seq = 1; seq <= simulator.settings().volume(); seq++) {
            media.addAll(parser.parse(simulator.plaintext(seq)).media());
        }
        return media;
    }

    /** The file's bytes as a simulator without faults serves them (media depend on the seed only). */
    private static byte[] download(ArchiveSimulator simulator, MediaRef ref) throws ArchiveSdkException {
        var out = new java.io.ByteArrayOutputStream();
        String index = "";
        while (true) {
            MediaChunk chunk = simulator.getMediaData(ref.sdkfileid(), index);
            out.writeBytes(chunk.data());
            if (chunk.finished()) {
                return out.toByteArray();
            }
            index = chunk.nextIndexBuf();
        }
    }

    /** Flips one byte of every file's last chunk: the MD5 never matches. */
    private record CorruptingSdk(ArchiveSdk delegate) implements ArchiveSdk {
        @Override
        public String getChatData(long seq, int limit) throws ArchiveSdkException {
            return delegate.getChatData(seq, limit);
        }

        @Override
        public String decryptData(String randomKey, String encryptChatMsg) throws ArchiveSdkException {
            return delegate.decryptData(randomKey, encryptChatMsg);
        }

        @Override
        public MediaChunk getMediaData(String sdkFileId, String indexBuf) throws ArchiveSdkException {
            MediaChunk chunk = delegate.getMediaData(sdkFileId, indexBuf);
            if (chunk.finished() && chunk.data().length > 0) {
                chunk.data()[0] ^= 0x01;
            }
            return chunk;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
