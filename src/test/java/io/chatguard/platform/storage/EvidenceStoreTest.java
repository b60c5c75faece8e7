package io.chatguard.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.quarkus.test.junit.QuarkusTest;

/** Round trips through the real S3Proxy started by scripts/stack. */
@QuarkusTest
class EvidenceStoreTest {

    @Inject
    EvidenceStore store;

    String prefix;

    @BeforeEach
    void uniquePrefix() {
        prefix = "test/" + UUID.randomUUID() + "/";
    }

    @Test
    void putRecordsTheSha256AndGetReturnsTheSameBytes() throws IOException {
        byte[] content = "{\"msgid\":\"CAQQ\",\"text\":{\"content\":\"保本保收益\"}}".getBytes(StandardCharsets.UTF_8);

        StoredObject put = store.put(prefix + "record.json", content, "application/json");

        assertThat(put.sha256()).isEqualTo(Sha256.hex(content));
        assertThat(put.size()).isEqualTo(content.length);
        assertThat(put.contentType()).isEqualTo("application/json");
        try (InputStream in = store.get(prefix + "record.json")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store.stat(prefix + "record.json")).get()
                .extracting(StoredObject::key, StoredObject::sha256, StoredObject::size, StoredObject::contentType)
                .containsExactly(put.key(), put.sha256(), put.size(), put.contentType());
    }

    @Test
    void hashComputedByTheCallerIsRecordedWithoutHashingAgain(@TempDir Path dir) throws IOException {
        byte[] content = new byte[300 * 1024];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("photo.jpg"), content);

        StoredObject fromBytes = store.put(prefix + "bytes.jpg", content, Sha256.hex(content), "image/jpeg");
        StoredObject fromFile = store.put(prefix + "file.jpg", file, Sha256.hex(content), "image/jpeg");

        assertThat(List.of(fromBytes, fromFile)).extracting(StoredObject::sha256, StoredObject::size)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(Sha256.hex(content), (long) content.length));
        for (String key : List.of(prefix + "bytes.jpg", prefix + "file.jpg")) {
            try (InputStream in = store.get(key)) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            assertThat(store.stat(key)).get().extracting(StoredObject::sha256).isEqualTo(Sha256.hex(content));
        }
    }

    @Test
    void storeRefusesContentThatDoesNotMatchTheCallersHash(@TempDir Path dir) throws IOException {
        byte[] content = "转账凭证".getBytes(StandardCharsets.UTF_8);
        String wrong = Sha256.hex("something else");
        Path file = Files.write(dir.resolve("receipt.txt"), content);

        // The hash is the request's SigV4 payload hash, so the S3 server checks the body against it.
        assertThatThrownBy(() -> store.put(prefix + "bytes.txt", content, wrong, "text/plain"))
                .isInstanceOf(ChatGuardException.class)
                .extracting(e -> ((ChatGuardException) e).type())
                .isEqualTo(ProblemType.STORAGE_UNAVAILABLE);
        assertThatThrownBy(() -> store.put(prefix + "file.txt", file, wrong, "text/plain"))
                .isInstanceOf(ChatGuardException.class)
                .extracting(e -> ((ChatGuardException) e).type())
                .isEqualTo(ProblemType.STORAGE_UNAVAILABLE);
        assertThat(store.stat(prefix + "bytes.txt")).isEmpty();
        assertThat(store.stat(prefix + "file.txt")).isEmpty();
    }

    @Test
    void recordedHashIsTheStandardSha256() {
        // FIPS 180-2 test vector for "abc".
        StoredObject put = store.put(prefix + "abc.txt", "abc".getBytes(StandardCharsets.US_ASCII), "text/plain");

        assertThat(put.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void largeFileIsUploadedInPartsAndHashedWhole(@TempDir Path dir) throws IOException {
        byte[] content = new byte[17 * 1024 * 1024 + 123];
        new Random(42).nextBytes(content);
        Path file = Files.write(dir.resolve("voice.amr"), content);

        StoredObject put = store.put(prefix + "media/voice.amr", file, "audio/amr");
        assertThatThrownBy(() -> store.put(prefix + "media/other.amr", file, Sha256.hex("other"), "audio/amr"))
                .isInstanceOf(ChatGuardException.class)
                .extracting(e -> ((ChatGuardException) e).type())
                .isEqualTo(ProblemType.STORAGE_UNAVAILABLE);

        assertThat(store.stat(prefix + "media/other.amr")).isEmpty();
        assertThat(put.sha256()).isEqualTo(Sha256.hex(content));
        assertThat(put.size()).isEqualTo(content.length);
        try (InputStream in = store.get(prefix + "media/voice.amr")) {
            assertThat(Sha256.hex(in.readAllBytes())).isEqualTo(Sha256.hex(content));
        }
    }

    @Test
    void sameContentUnderTheSameKeyIsIdempotentButDifferentContentIsRefused() {
        byte[] original = "原始证据".getBytes(StandardCharsets.UTF_8);
        StoredObject first = store.put(prefix + "evidence.txt", original, "text/plain");

        StoredObject again = store.put(prefix + "evidence.txt", original.clone(), "text/plain");
        assertThatThrownBy(() -> store.put(prefix + "evidence.txt",
                "篡改后的内容".getBytes(StandardCharsets.UTF_8), "text/plain"))
                .isInstanceOf(ChatGuardException.class)
                .extracting(e -> ((ChatGuardException) e).type())
                .isEqualTo(ProblemType.OBJECT_CONFLICT);

        assertThat(again).extracting(StoredObject::key, StoredObject::sha256, StoredObject::size)
                .containsExactly(first.key(), first.sha256(), first.size());
        try (InputStream in = store.get(prefix + "evidence.txt")) {
            assertThat(in.readAllBytes()).isEqualTo(original);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void listReturnsEveryKeyUnderThePrefixInOrder() {
        for (String name : List.of("b/2.json", "a/1.json", "b/1.json")) {
            store.put(prefix + name, name.getBytes(StandardCharsets.UTF_8), "application/json");
        }
        store.put("other/" + UUID.randomUUID(), new byte[] {1}, null);

        try (var listed = store.list(prefix + "b/")) {
            assertThat(listed.map(ObjectSummary::key)).containsExactly(prefix + "b/1.json", prefix + "b/2.json");
        }
        try (var listed = store.list(prefix)) {
            assertThat(listed.map(ObjectSummary::size)).containsExactly(8L, 8L, 8L);
        }
    }

    @Test
    void missingObjectIsEmptyOnStatAndNotFoundOnGet() {
        assertThat(store.stat(prefix + "missing")).isEmpty();
        assertThatThrownBy(() -> store.get(prefix + "missing"))
                .isInstanceOf(ChatGuardException.class)
                .extracting(e -> ((ChatGuardException) e).type())
                .isEqualTo(ProblemType.OBJECT_NOT_FOUND);
    }

    @Test
    void keysThatEscapeTheirPrefixAreRejected() {
        for (String bad : List.of("", "/abs", "a/../b", " ")) {
            assertThatThrownBy(() -> store.put(bad, new byte[] {1}, null))
                    .isInstanceOf(ChatGuardException.class)
                    .extracting(e -> ((ChatGuardException) e).type())
                    .isEqualTo(ProblemType.BAD_REQUEST);
        }
    }
}
