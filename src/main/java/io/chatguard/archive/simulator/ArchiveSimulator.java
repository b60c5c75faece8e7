package io.chatguard.archive.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.chatguard.archive.sdk.ArchiveSdk;
import io.chatguard.archive.sdk.ArchiveSdkException;
import io.chatguard.archive.sdk.MediaChunk;

/**
 * A WeCom session-archive SDK that needs no native library: realistic advisor↔client traffic, encrypted exactly
 * as domain.md §1 describes, with violations and faults injected at configured rates.
 *
 * <p>Records are a pure function of ({@link SimulatorSettings}, seq), so a new instance with equal settings
 * returns byte-identical GetChatData responses; only the availability rate, transient errors (per-instance
 * call counter) and corrupt-once media (per-instance download count) depend on the instance's history.
 * {@link #expected(long)} exposes the ground truth for tests.
 *
 * <p>Thread-safe. Construction generates one 2048-bit RSA key per key version (a fraction of a second each).
 * After {@link #close()} every call throws {@link IllegalStateException}.
 */
public final class ArchiveSimulator implements ArchiveSdk {
    private static final int BAD_PARAMETER = 10000;
    private static final int BAD_SDKFILEID = 10005;
    private static final String INDEX_PREFIX = "simidx:";

    private final SimulatorSettings settings;
    private final Clock clock;
    private final long startMillis;
    private final SimulatorKeys keys;
    private final MediaFactory media;
    private final RecordFactory records;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong calls = new AtomicLong();
    /** Completed downloads per sdkfileid, for the corrupt-once fault. */
    private final Map<String, Integer> completedDownloads = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** GetChatData entries by seq - 1 after {@link #pregenerate()}, else null (generated per call). */
    private volatile ObjectNode[] pregenerated;

    /** A simulator on the system clock. */
    public ArchiveSimulator(SimulatorSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** A simulator whose availability rate is measured on {@code clock} from construction. */
    public ArchiveSimulator(SimulatorSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startMillis = clock.millis();
        this.keys = new SimulatorKeys(settings.seed(), settings.keyVersions());
        this.media = new MediaFactory(settings.seed());
        this.records = new RecordFactory(settings, keys, media);
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /**
     * Private keys by {@code publickey_ver}, as operators configure them: odd versions PKCS#8
     * ({@code -----BEGIN PRIVATE KEY-----}), even versions PKCS#1 ({@code -----BEGIN RSA PRIVATE KEY-----}).
     * There is deliberately no key 99 (the unknown-key-version fault).
     */
    public Map<Integer, String> privateKeysPem() {
        return keys.privateKeysPem();
    }

    /**
     * Generates every record and media file of the volume now and keeps them in memory, so that
     * GetChatData and GetMediaData only serve what exists. For benchmarks: the simulator's own work (message
     * text, RSA/AES encryption, image encoding) then happens before the timed window instead of inside it.
     * Output and injected faults (transient errors, corrupt-once media) are unchanged. Memory: about 1 KB
     * per record plus every media file (roughly 350 MB for 20 000 records). Call once, before any pull.
     */
    public void pregenerate() {
        checkOpen();
        media.retainAll();
        ObjectNode[] entries = new ObjectNode[Math.toIntExact(settings.volume())];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = records.produce(i + 1L).chatdata();
        }
        pregenerated = entries;
    }

    /** Records available now: all of them at rate 0, otherwise those the rate has released since construction. */
    public long produced() {
        if (settings.ratePerSecond() == 0) {
            return settings.volume();
        }
        long elapsed = Math.max(0, clock.millis() - startMillis);
        return Math.min(settings.volume(), (long) Math.floor(elapsed * settings.ratePerSecond() / 1000.0));
    }

    /** Ground truth for {@code seq} (1..volume), whether or not it is available yet. */
    public ExpectedRecord expected(long seq) {
        checkSeq(seq);
        return records.produce(seq).expected();
    }

    /** The decrypted message text of {@code seq} as DecryptData returns it (raw control characters and all). */
    public String plaintext(long seq) {
        checkSeq(seq);
        return records.produce(seq).plaintext();
    }

    @Override
    public String getChatData(long seq, int limit) throws ArchiveSdkException {
        checkOpen();
        if (limit > MAX_LIMIT || limit < 1) {
            throw new ArchiveSdkException(BAD_PARAMETER, "limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        if (seq < 0) {
            throw new ArchiveSdkException(BAD_PARAMETER, "seq must be >= 0, was " + seq);
        }
        maybeTransientError();
        ObjectNode response = mapper.createObjectNode();
        long fatalFrom = settings.faults().fatalFromSeq();
        if (fatalFrom >= 0 && seq >= fatalFrom) {
            response.put("errcode", 301052);
            response.put("errmsg", "archive subscription expired");
            return serialise(response);
        }
        response.put("errcode", 0);
        response.put("errmsg", "ok");
        ArrayNode chatdata = response.putArray("chatdata");
        long last = Math.min(produced(), seq + limit);
        ObjectNode[] ready = pregenerated;
        for (long s = seq + 1; s <= last; s++) {
            chatdata.add(ready != null ? ready[(int) (s - 1)] : records.produce(s).chatdata());
        }
        return serialise(response);
    }

    @Override
    public String decryptData(String randomKey, String encryptChatMsg) throws ArchiveSdkException {
        checkOpen();
        return RecordCipher.decryptMessage(randomKey, encryptChatMsg);
    }

    @Override
    public MediaChunk getMediaData(String sdkFileId, String indexBuf) throws ArchiveSdkException {
        checkOpen();
        maybeTransientError();
        byte[] file = media.resolve(sdkFileId);
        if (file == null) {
            throw new ArchiveSdkException(BAD_SDKFILEID, "unknown sdkfileid");
        }
        int offset = offset(indexBuf, file.length);
        int end = Math.min(file.length, offset + MediaFactory.CHUNK_SIZE);
        byte[] chunk = Arrays.copyOfRange(file, offset, end);
        boolean finished = end == file.length;
        if (finished && records.mediaCorruptOnce(media.seqOf(sdkFileId))
                && completedDownloads.merge(sdkFileId, 1, Integer::sum) == 1) {
            // The first complete download gets one flipped byte: same length, wrong md5, as after a bad transfer.
            chunk[chunk.length / 2] ^= 0x5a;
        }
        return new MediaChunk(chunk, INDEX_PREFIX + Base64.getEncoder()
                .encodeToString(Integer.toString(end).getBytes(StandardCharsets.US_ASCII)), finished);
    }

    @Override
    public void close() {
        closed.set(true);
    }

    private static int offset(String indexBuf, int length) throws ArchiveSdkException {
        if (indexBuf == null || indexBuf.isEmpty()) {
            return 0;
        }
        try {
            if (!indexBuf.startsWith(INDEX_PREFIX)) {
                throw new IllegalArgumentException();
            }
            int offset = Integer.parseInt(new String(Base64.getDecoder().decode(indexBuf.substring(INDEX_PREFIX.length())),
                    StandardCharsets.US_ASCII));
            if (offset < 0 || offset >= length) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw new ArchiveSdkException(BAD_PARAMETER, "bad indexbuf");
        }
    }

    private void maybeTransientError() throws ArchiveSdkException {
        long call = calls.incrementAndGet();
        if (Seeds.unit(settings.seed(), call, Seeds.TRANSIENT) < settings.faults().transientError()) {
            throw call % 2 == 0
                    ? new ArchiveSdkException(10001, "simulated network error")
                    : new ArchiveSdkException(10002, "simulated parse failure");
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("archive simulator is closed");
        }
    }

    private void checkSeq(long seq) {
        checkOpen();
        if (seq < 1 || seq > settings.volume()) {
            throw new IllegalArgumentException("seq must be in 1.." + settings.volume() + ": " + seq);
        }
    }

    private String serialise(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
