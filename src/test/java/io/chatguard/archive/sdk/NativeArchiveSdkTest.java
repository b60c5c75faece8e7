package io.chatguard.archive.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NativeArchiveSdkTest {
    private static final String SECRET = "archive-secret-Zq9xWv7";
    private static final String PROXY_PASSWORD = "proxyuser:proxy-pass-K3j";
    private static final NativeSdkSettings SETTINGS =
            new NativeSdkSettings("ww1234567890abcdef", SECRET, "http://10.0.0.8:3128", PROXY_PASSWORD, 7);

    private final FakeFinanceApi fake = new FakeFinanceApi();

    @AfterEach
    void theSdkWasNeverMisused() {
        assertThat(fake.violations()).isEmpty();
    }

    @Test
    void getChatDataReturnsTheSliceContentAndFreesTheSlice() throws Exception {
        try (var sdk = new NativeArchiveSdk(fake, SETTINGS)) {
            assertThat(sdk.getChatData(195, 100)).isEqualTo(FakeFinanceApi.CHAT_DATA);
            assertThat(List.of(fake.slicesAllocated(), fake.liveSlices())).containsExactly(1, 0);
        }
    }

    @Test
    void passesCorpSecretProxyAndTimeoutToTheSdk() throws Exception {
        try (var sdk = new NativeArchiveSdk(fake, SETTINGS)) {
            sdk.getChatData(196, 1000);
        }
        assertThat(List.of(fake.lastCorpId, fake.lastSecret, fake.lastProxy, fake.lastPasswd, fake.lastTimeout,
                fake.lastSeq, fake.lastLimit))
                .containsExactly("ww1234567890abcdef", SECRET, "http://10.0.0.8:3128", PROXY_PASSWORD, 7L, 196L,
                        1000L);
    }

    @Test
    void absentProxyReachesTheSdkAsEmptyStringsNotNulls() throws Exception {
        var noProxy = new NativeSdkSettings("ww1234567890abcdef", SECRET, null, null, 5);
        try (var sdk = new NativeArchiveSdk(fake, noProxy)) {
            sdk.getChatData(0, 10);
            fake.addMedia("file-1", new byte[] {1});
            sdk.getMediaData("file-1", null);
        }
        // The fake records null jstrings as violations, checked after each test.
        assertThat(List.of(fake.lastProxy, fake.lastPasswd)).containsExactly("", "");
    }

    @Test
    void nonZeroReturnFromGetChatDataFreesTheSliceAndKeepsTheHandle() throws Exception {
        fake.failNext("GetChatData", 10001);
        try (var sdk = new NativeArchiveSdk(fake, SETTINGS)) {
            var failure = catchThrowableOfType(ArchiveSdkException.class, () -> sdk.getChatData(0, 100));

            assertThat(failure).extracting(ArchiveSdkException::code, ArchiveSdkException::isTransient)
                    .containsExactly(10001, true);
            assertThat(failure).hasMessageContaining("GetChatData");
            assertThat(fake.liveSlices()).isZero();
            assertThat(fake.calls()).doesNotContain("DestroySdk");
            assertThat(sdk.getChatData(0, 100)).isEqualTo(FakeFinanceApi.CHAT_DATA);
        }
        assertThat(fake.destroyCounts().values()).containsExactly(1);
    }

    @Test
    void exceptionsInsideGetChatDataFreeTheSliceAndKeepTheHandle() throws Exception {
        fake.throwNext("GetChatData", new IllegalStateException("JNI blew up"))
                .throwNext("GetContentFromSlice", new RuntimeException("NewStringUTF failed"));
        try (var sdk = new NativeArchiveSdk(fake, SETTINGS)) {
            assertThatThrownBy(() -> sdk.getChatData(0, 100)).hasMessage("JNI blew up");
            assertThatThrownBy(() -> sdk.getChatData(0, 100)).hasMessage("NewStringUTF failed");
            assertThat(List.of(fake.slicesAllocated(), fake.liveSlices())).containsExactly(2, 0);
            assertThat(sdk.getChatData(0, 100)).isEqualTo(FakeFinanceApi.CHAT_DATA);
        }
        assertThat(fake.liveSlices()).isZero();
        assertThat(fake.destroyCounts().values()).containsExactly(1);
    }

    @Test
    void decryptDataUsesANewSliceForEveryCallAndFreesEachOne() throws Exception {
        try (var sdk = new NativeArchiveSdk(fake, SETTINGS)) {
            assertThat(List.of(sdk.decryptData("key-1", "m1"), sdk.decryptData("key-2", "m2")))
                    .containsExactly("{\"msgid\":\"m1\",\"msgtype\":\"text\"}", "{\"msgid\":\"m2\",\"msgtype\":\"text\"}");
        }
        assertThat(List.of(fake.slicesAllocated(), fake.liveSlices(), fake.destroyCounts().size()))
                .containsExactly(2, 0, 1);
    }

    @Test
    void failingDecryptDataIsPerItemFreesTheSliceAndKeepsTheHandle() throws Exception {
        fake.failNext("DecryptData", 10006).throwNext("DecryptData", new RuntimeException("boom"));
        try (var sdk = new NativeArchiveSdk(fake, SETTINGS)) {
            var failure = catchThrowableOfType(ArchiveSdkException.class, () -> sdk.decryptData("key", "m1"));
            assertThatThrownBy(() -> sdk.decryptData("key", "m1")).hasMessage("boom");

            assertThat(failure).extracting(ArchiveSdkException::code, ArchiveSdkException::isPerItem)
                    .containsExactly(10006, true);
            assertThat(failure.getMessage()).contains("DecryptData").doesNotContain("key");
            assertThat(sdk.decryptData("key", "m2")).contains("m2");
            assertThat(List.of(fake.slicesAllocated(), fake.liveSlices())).containsExactly(3, 0);
            assertThat(fake.calls()).doesNotContain("DestroySdk");
        }
    }

    @Test
    void mediaLoopFollowsTheIndexBufUntilFinishedWithOneBufferPerChunk() throws Exception {
        byte[] first = "chunk-one|".getBytes(StandardCharsets.UTF_8);
        byte[] second = "chunk-two|".getBytes(StandardCharsets.UTF_8);
        byte[] third = "chunk-three".getBytes(StandardCharsets.UTF_8);
        fake.addMedia("CtYBMzA2", first, second, third);
        var received = new ByteArrayOutputStream();
        var chunks = new ArrayList<MediaChunk>();

        try (var sdk = new NativeArchiveSdk(fake, SETTINGS)) {
            String index = "";
            MediaChunk chunk;
            do {
                chunk = sdk.getMediaData("CtYBMzA2", index);
                chunks.add(chunk);
                received.writeBytes(chunk.data());
                index = chunk.nextIndexBuf();
            } while (!chunk.finished());
        }

        assertThat(received.toString(StandardCharsets.UTF_8)).isEqualTo("chunk-one|chunk-two|chunk-three");
        assertThat(chunks).extracting(MediaChunk::nextIndexBuf, MediaChunk::finished)
                .containsExactly(tuple("idx-1", false),
                        tuple("idx-2", false),
                        tuple("idx-3", true));
        assertThat(fake.indexBufsSeen).containsExactly("", "idx-1", "idx-2");
        assertThat(List.of(fake.mediaBuffersAllocated(), fake.liveMediaBuffers(), fake.destroyCounts().size()))
                .containsExactly(3, 0, 1);
    }

    @Test
    void failingGetMediaDataFreesTheBufferAndKeepsTheHandle() throws Exception {
        fake.addMedia("file-1", new byte[] {1, 2, 3});
        fake.throwNext("GetData", new RuntimeException("GetData copy failed"));
        try (var sdk = new NativeArchiveSdk(fake, SETTINGS)) {
            var badFile = catchThrowableOfType(ArchiveSdkException.class, () -> sdk.getMediaData("no-such-file", ""));
            assertThatThrownBy(() -> sdk.getMediaData("file-1", "")).hasMessage("GetData copy failed");

            assertThat(badFile).extracting(ArchiveSdkException::code, ArchiveSdkException::isPerItem)
                    .containsExactly(10005, true);
            assertThat(sdk.getMediaData("file-1", "")).extracting(MediaChunk::data, MediaChunk::finished)
                    .containsExactly(new byte[] {1, 2, 3}, true);
            assertThat(List.of(fake.mediaBuffersAllocated(), fake.liveMediaBuffers())).containsExactly(3, 0);
            assertThat(fake.calls()).doesNotContain("DestroySdk");
        }
    }

    @Test
    void limitOutsideOneToThousandIsRejectedWithoutCallingTheSdk() throws Exception {
        try (var sdk = new NativeArchiveSdk(fake, SETTINGS)) {
            var callsBefore = fake.calls();
            var tooMany = catchThrowableOfType(ArchiveSdkException.class, () -> sdk.getChatData(0, 1001));
            var none = catchThrowableOfType(ArchiveSdkException.class, () -> sdk.getChatData(0, 0));

            assertThat(List.of(tooMany.code(), none.code())).containsExactly(10000, 10000);
            assertThat(tooMany.isFatal()).isTrue();
            assertThat(fake.calls()).isEqualTo(callsBefore);
        }
    }

    @Test
    void initFailureDestroysThatHandleAndReportsTheCode() {
        fake.failNext("Init", 10004);

        var failure = catchThrowableOfType(ArchiveSdkException.class, () -> new NativeArchiveSdk(fake, SETTINGS));

        assertThat(failure.code()).isEqualTo(10004);
        assertThat(failure.getMessage()).contains("Init").doesNotContain(SECRET);
        assertThat(fake.destroyCounts().values()).containsExactly(1);
        assertThat(fake.liveSdks()).isZero();
    }

    @Test
    void initThrowingDestroysThatHandleAndRethrows() {
        fake.throwNext("Init", new IllegalArgumentException("bad utf-8 in corpid"));

        assertThatThrownBy(() -> new NativeArchiveSdk(fake, SETTINGS)).hasMessage("bad utf-8 in corpid");
        assertThat(fake.destroyCounts().values()).containsExactly(1);
    }

    @Test
    void closeDestroysTheHandleExactlyOnceAndLaterCallsAreRefused() throws Exception {
        var sdk = new NativeArchiveSdk(fake, SETTINGS);
        sdk.getChatData(0, 10);

        sdk.close();
        sdk.close();

        assertThat(fake.destroyCounts().values()).containsExactly(1);
        var callsAfterClose = fake.calls();
        assertThatThrownBy(() -> sdk.getChatData(0, 10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sdk.decryptData("k", "m")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sdk.getMediaData("f", "")).isInstanceOf(IllegalStateException.class);
        assertThat(fake.calls()).isEqualTo(callsAfterClose);
    }

    @Test
    void destroyThrowingIsNotRetriedBySecondClose() throws Exception {
        var sdk = new NativeArchiveSdk(fake, SETTINGS);
        fake.throwNext("DestroySdk", new RuntimeException("destroy failed"));

        assertThatThrownBy(sdk::close).hasMessage("destroy failed");
        sdk.close();

        assertThat(fake.destroyCounts().values()).containsExactly(1);
    }

    @Test
    void sdkThatCannotAllocateABufferReportsASystemFailure() throws Exception {
        fake.failNext("NewSlice", 1).failNext("NewMediaData", 1);
        try (var sdk = new NativeArchiveSdk(fake, SETTINGS)) {
            var noSlice = catchThrowableOfType(ArchiveSdkException.class, () -> sdk.getChatData(0, 10));
            var noBuffer = catchThrowableOfType(ArchiveSdkException.class, () -> sdk.getMediaData("f", ""));

            assertThat(List.of(noSlice.code(), noBuffer.code())).containsExactly(10003, 10003);
            assertThat(fake.calls()).doesNotContain("FreeSlice", "FreeMediaData", "DestroySdk");
        }
    }

    @Test
    void secretAndProxyPasswordNeverAppearInToStringOrExceptionMessages() throws Exception {
        var withUserInfo = new NativeSdkSettings("ww1", SECRET, "http://proxyuser:proxy-pass-K3j@10.0.0.8:3128",
                PROXY_PASSWORD, 7);
        fake.failNext("Init", 48002);
        var initFailure = catchThrowableOfType(ArchiveSdkException.class, () -> new NativeArchiveSdk(fake, SETTINGS));
        var messages = new ArrayList<String>(List.of(SETTINGS.toString(), withUserInfo.toString(),
                initFailure.getMessage()));
        fake.failNext("GetChatData", 10009).failNext("DecryptData", 10006).failNext("GetMediaData", 10001);
        try (var sdk = new NativeArchiveSdk(fake, withUserInfo)) {
            messages.add(catchThrowableOfType(ArchiveSdkException.class, () -> sdk.getChatData(1, 10)).getMessage());
            messages.add(catchThrowableOfType(ArchiveSdkException.class, () -> sdk.decryptData("rk", "m")).getMessage());
            messages.add(catchThrowableOfType(ArchiveSdkException.class, () -> sdk.getMediaData("f", "")).getMessage());
        }
        messages.add(catchThrowableOfType(IllegalArgumentException.class,
                () -> new NativeSdkSettings("ww1", SECRET, null, null, 0)).getMessage());

        assertThat(messages).hasSize(7).allSatisfy(message -> assertThat(message)
                .doesNotContain(SECRET).doesNotContain("proxy-pass-K3j"));
        assertThat(withUserInfo.toString())
                .isEqualTo("NativeSdkSettings[corpId=ww1, secret=***, proxy=http://***@10.0.0.8:3128, "
                        + "proxyPassword=***, timeoutSeconds=7]");
    }

    @Test
    void concurrentCallsNeverOverlapInsideTheSdk() throws Exception {
        fake.spinsPerCall = 2_000;
        fake.addMedia("file-1", new byte[] {1}, new byte[] {2});
        int threads = 8;
        int callsPerThread = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (var sdk = new NativeArchiveSdk(fake, SETTINGS)) {
            var start = new CountDownLatch(1);
            var results = new ArrayList<Future<Integer>>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int done = 0;
                    for (int i = 0; i < callsPerThread; i++) {
                        switch ((id + i) % 3) {
                            case 0 -> sdk.getChatData(i, 100);
                            case 1 -> sdk.decryptData("key", "m" + i);
                            default -> sdk.getMediaData("file-1", i % 2 == 0 ? "" : "idx-1");
                        }
                        done++;
                    }
                    return done;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(callsPerThread);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(List.of(fake.maxConcurrentCalls(), fake.liveSlices(), fake.liveMediaBuffers(), fake.liveSdks()))
                .containsExactly(1, 0, 0, 0);
    }

    @Test
    void aSecondCallWaitsOutsideTheSdkWhileTheFirstIsInside() throws Exception {
        try (var sdk = new NativeArchiveSdk(fake, SETTINGS)) {
            var gate = fake.blockNext("GetChatData");
            var first = start(() -> sdk.getChatData(0, 10));
            gate.awaitEntered();
            var second = start(() -> sdk.decryptData("key", "m2"));

            await().atMost(Duration.ofSeconds(10)).until(() -> second.thread.getState() == Thread.State.WAITING);
            assertThat(fake.calls()).doesNotContain("DecryptData");
            gate.release();

            assertThat(List.of(first.task.get(10, TimeUnit.SECONDS), second.task.get(10, TimeUnit.SECONDS)))
                    .containsExactly(FakeFinanceApi.CHAT_DATA, "{\"msgid\":\"m2\",\"msgtype\":\"text\"}");
        }
        assertThat(fake.maxConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void closeWaitsForTheCallInFlightThenRefusesTheNext() throws Exception {
        var sdk = new NativeArchiveSdk(fake, SETTINGS);
        var gate = fake.blockNext("GetChatData");
        var inFlight = start(() -> sdk.getChatData(0, 10));
        gate.awaitEntered();
        var closing = start(() -> {
            sdk.close();
            return "closed";
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> closing.thread.getState() == Thread.State.WAITING);
        assertThat(fake.calls()).doesNotContain("DestroySdk");
        gate.release();

        assertThat(List.of(inFlight.task.get(10, TimeUnit.SECONDS), closing.task.get(10, TimeUnit.SECONDS)))
                .containsExactly(FakeFinanceApi.CHAT_DATA, "closed");
        List<String> calls = fake.calls();
        assertThat(calls.subList(calls.size() - 3, calls.size()))
                .containsExactly("GetContentFromSlice", "FreeSlice", "DestroySdk");
        assertThatThrownBy(() -> sdk.getChatData(0, 10)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void errorCodesClassifyAsTransientPerItemOrFatal() {
        Map<Integer, String> expected = Map.ofEntries(
                Map.entry(10000, "fatal"), Map.entry(10001, "transient"), Map.entry(10002, "transient"),
                Map.entry(10003, "transient"), Map.entry(10004, "fatal"), Map.entry(10005, "per-item"),
                Map.entry(10006, "per-item"), Map.entry(10007, "per-item"), Map.entry(10008, "per-item"),
                Map.entry(10009, "fatal"), Map.entry(10010, "fatal"), Map.entry(10011, "fatal"),
                Map.entry(301052, "fatal"), Map.entry(301042, "fatal"), Map.entry(48002, "fatal"));

        expected.forEach((code, kind) -> {
            var e = new ArchiveSdkException(code, "call");
            String actual = e.isTransient() ? "transient" : e.isPerItem() ? "per-item" : "fatal";
            assertThat(List.of(actual, e.isTransient() || e.isPerItem() || e.isFatal()))
                    .as("code %d", code).containsExactly(kind, true);
            assertThat(List.of(e.isTransient(), e.isPerItem(), e.isFatal()))
                    .as("code %d has exactly one class", code).containsOnlyOnce(true);
        });
    }

    @Test
    void loadingWithoutTheLibraryExplainsWhatToInstallWhere() {
        for (int attempt = 0; attempt < 2; attempt++) {
            // The second attempt meets NoClassDefFoundError: the JVM does not retry a failed class initialiser.
            assertThatThrownBy(() -> NativeArchiveSdk.load(SETTINGS))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("-Djava.library.path")
                    .hasMessageContaining("libWeWorkFinanceSdk_Java.so")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void settingsRequireCorpSecretAndPositiveTimeout() {
        assertThatThrownBy(() -> new NativeSdkSettings(" ", SECRET, null, null, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corpId");
        assertThatThrownBy(() -> new NativeSdkSettings("ww1", "", null, null, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
        assertThatThrownBy(() -> new NativeSdkSettings("ww1", SECRET, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeoutSeconds");
    }

    private record Started<T>(Thread thread, FutureTask<T> task) {
    }

    private static <T> Started<T> start(Callable<T> body) {
        var task = new FutureTask<>(body);
        var thread = new Thread(task, "sdk-caller");
        thread.setDaemon(true);
        thread.start();
        return new Started<>(thread, task);
    }
}
