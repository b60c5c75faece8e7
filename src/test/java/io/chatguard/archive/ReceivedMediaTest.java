package io.chatguard.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.chatguard.platform.storage.Sha256;

class ReceivedMediaTest {

    @Test
    void hashesComputedWhileChunksArriveEqualTheHashesOfTheWholeFile() throws IOException {
        byte[] file = new byte[3 * 512 * 1024 + 4321];
        new Random(11).nextBytes(file);

        for (int[] cuts : List.of(new int[] {}, new int[] {512 * 1024}, new int[] {1, 512 * 1024, 1_000_000, 1_572_864})) {
            try (ReceivedMedia received = new ReceivedMedia(".mp4")) {
                for (byte[] chunk : split(file, cuts)) {
                    received.append(chunk);
                }
                received.finish();

                assertThat(received.md5()).isEqualTo(md5(file));
                assertThat(received.sha256()).isEqualTo(Sha256.hex(file));
                assertThat(received.size()).isEqualTo(file.length);
            }
        }
    }

    @Test
    void anEmptyFileHasTheHashesOfNoBytes() throws IOException {
        try (ReceivedMedia received = new ReceivedMedia(".txt")) {
            received.append(new byte[0]);
            received.finish();

            assertThat(received.md5()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
            assertThat(received.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        }
    }

    @Test
    void aSingleChunkStaysInMemoryAndSeveralSpillToATempFileThatCloseDeletes() throws IOException {
        try (ReceivedMedia single = new ReceivedMedia(".jpg")) {
            single.append(new byte[] {1, 2, 3});
            single.finish();
            assertThat(single.tempFile()).isNull();
        }
        ReceivedMedia several = new ReceivedMedia(".mp4");
        several.append(new byte[] {1, 2, 3});
        several.append(new byte[] {4, 5});
        several.finish();
        Path spilled = several.tempFile();
        assertThat(spilled).hasBinaryContent(new byte[] {1, 2, 3, 4, 5});

        several.close();

        assertThat(spilled).doesNotExist();
    }

    private static List<byte[]> split(byte[] file, int[] cuts) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            chunks.add(Arrays.copyOfRange(file, from, cut));
            from = cut;
        }
        chunks.add(Arrays.copyOfRange(file, from, file.length));
        return chunks;
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
