package io.chatguard.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.chatguard.archive.RecordOutcome.Decoded;
import io.chatguard.archive.RecordOutcome.Quarantined;
import io.chatguard.archive.StoreBatch.EvidenceSlice;
import io.chatguard.archive.StoreBatch.MessageToStore;
import io.chatguard.archive.StoreBatch.QuarantineEntry;
import io.chatguard.archive.StoreBatch.SeqGap;
import io.chatguard.archive.StoreBatch.StoredMedia;
import io.chatguard.archive.message.MediaRef;
import io.chatguard.archive.message.MessageParser;
import io.chatguard.archive.sdk.ArchiveSdk;
import io.chatguard.archive.sdk.ArchiveSdkException;
import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.platform.storage.Sha256;

/**
 * Pulls the WeCom archive into PostgreSQL and object storage, batch by batch, without losing or
 * duplicating a record.
 *
 * <p>For each batch: GetChatData from the cursor; decode every record (quarantining bad ones);
 * write the response and the decrypted texts as two evidence objects whose keys carry their content
 * hash (so a re-pull after a crash rewrites identical objects); download and verify media; then
 * store messages, quarantine, signals and the new cursor in one transaction. A crash anywhere before
 * that commit re-pulls the same records, which the unique msgid turns into duplicates, not copies.
 *
 * <p>Only one process pulls at a time: a run holds a PostgreSQL advisory lock.
 */
@ApplicationScoped
public class ArchiveIngestService {
    private static final Logger LOG = Logger.getLogger(ArchiveIngestService.class);
    /** Advisory-lock key: the first 8 bytes of sha256("chatguard.archive.ingest"). */
    private static final long LEADER_LOCK = 0x4d1b2e3c5a6f7081L;
    /** Server errcodes that no retry can fix: subscription expired, IP not whitelisted, wrong secret. */
    private static final Set<Integer> FATAL_SERVER_CODES = Set.of(301052, 301042, 48002);

    private final ArchiveSource source;
    private final ArchiveConfig config;
    private final ArchiveStore store;
    private final EvidenceStore evidence;
    private final DataSource dataSource;
    private final Event<MessagesArchived> archived;
    private final RecordDecoder decoder;
    private final MediaDownloader media;
    private final Backoff backoff;
    private final ExecutorService workers;
    /** Media downloads wait on I/O, so they get their own, larger pool. */
    private final ExecutorService mediaWorkers;
    /** Fetches and decodes the next batch while the current one is being stored. */
    private final ExecutorService prefetcher;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;

    ArchiveIngestService(ArchiveSource source, ArchiveConfig config, ArchiveStore store, EvidenceStore evidence,
            DataSource dataSource, Event<MessagesArchived> archived) {
        this.source = source;
        this.config = config;
        this.store = store;
        this.evidence = evidence;
        this.dataSource = dataSource;
        this.archived = archived;
        this.decoder = new RecordDecoder(source.keys(), source.sdk(), new MessageParser());
        this.backoff = new Backoff(config.pull().initialBackoff(), config.pull().maxBackoff());
        this.media = new MediaDownloader(source.sdk(), evidence, backoff, config.media().maxAttempts());
        int threads = config.decryptThreads() > 0 ? config.decryptThreads() : Runtime.getRuntime().availableProcessors();
        this.workers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("archive-decode-", 0).daemon()
                .factory());
        this.mediaWorkers = Executors.newFixedThreadPool(Math.max(1, config.media().parallelism()),
                Thread.ofPlatform().name("archive-media-", 0).daemon().factory());
        this.prefetcher = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("archive-prefetch").daemon()
                .factory());
    }

    @PreDestroy
    void shutdown() {
        prefetcher.shutdownNow();
        workers.shutdownNow();
        mediaWorkers.shutdownNow();
    }

    /** Scheduled pulls stop after a fatal error until an administrator runs one explicitly. */
    public IngestRun scheduledPull() {
        if (!source.enabled()) {
            return new IngestRun("disabled", 0, 0, 0, 0, 0);
        }
        if (stopped) {
            return new IngestRun("stopped", 0, 0, 0, 0, store.cursor(source()));
        }
        return pull();
    }

    /** Pulls until caught up (or the per-run batch limit); clears a previous fatal stop. */
    public IngestRun pull() {
        if (!running.compareAndSet(false, true)) {
            return new IngestRun("already_running", 0, 0, 0, 0, store.cursor(source()));
        }
        try (Connection lock = dataSource.getConnection()) {
            if (!tryLock(lock)) {
                return new IngestRun("not_leader", 0, 0, 0, 0, store.cursor(source()));
            }
            try {
                stopped = false;
                return pullBatches();
            } finally {
                unlock(lock);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the ingest leader lock", e);
        } finally {
            running.set(false);
        }
    }

    public IngestStatus status() {
        String state = !source.enabled() ? "disabled" : running.get() ? "running" : stopped ? "stopped" : "idle";
        return store.status(source(), state, source.keys().versions());
    }

    /**
     * The pull loop. While batch N's evidence, media and transaction run, batch N+1 is already fetched and
     * decoded from N's last seq on another thread (decoding is CPU-bound RSA, storing mostly waits on S3
     * and PostgreSQL). The prefetched batch is used only if the cursor, read again after N committed, is the
     * seq it was fetched from; otherwise, and whenever N fails, it is thrown away. Prefetching reads the
     * SDK and decrypts in memory only: nothing is written before the batch's turn, so crash safety is as
     * without it.
     */
    private IngestRun pullBatches() {
        int batches = 0;
        long stored = 0;
        long duplicates = 0;
        long quarantined = 0;
        int attempt = 0;
        String outcome = "batch_limit";
        Prefetch next = null;
        try {
            while (batches < config.pull().maxBatchesPerRun()) {
                long cursor = store.cursor(source());
                try {
                    Prefetch taken = next;
                    next = null;
                    if (taken != null && taken.cursor() != cursor) {
                        discard(taken);
                        taken = null;
                    }
                    DecodedBatch batch = taken != null ? taken.await() : decode(cursor);
                    ChatDataResponse response = batch.response();
                    if (response.errcode() != 0) {
                        String error = "GetChatData errcode " + response.errcode() + ": " + response.errmsg();
                        if (FATAL_SERVER_CODES.contains(response.errcode())) {
                            return stop(error, batches, stored, duplicates, quarantined);
                        }
                        throw new ArchiveSdkException(10002, error);
                    }
                    if (response.records().isEmpty()) {
                        outcome = "caught_up";
                        break;
                    }
                    boolean full = response.records().size() >= config.pull().batchSize();
                    if (full && batches + 1 < config.pull().maxBatchesPerRun()) {
                        long nextCursor = batch.lastSeq();
                        next = new Prefetch(nextCursor, prefetcher.submit(() -> decode(nextCursor)));
                    }
                    StoreResult result = storeBatch(batch);
                    attempt = 0;
                    batches++;
                    stored += result.stored();
                    duplicates += result.duplicates();
                    quarantined += result.quarantined();
                    if (!result.storedMessageIds().isEmpty()) {
                        archived.fire(new MessagesArchived(result.storedMessageIds()));
                    }
                    if (!full) {
                        outcome = "caught_up";
                        break;
                    }
                } catch (ArchiveSdkException e) {
                    discard(next);
                    next = null;
                    if (e.isFatal()) {
                        return stop(e.getMessage(), batches, stored, duplicates, quarantined);
                    }
                    attempt++;
                    store.recordError(source(), e.getMessage());
                    if (attempt >= config.pull().maxAttempts()) {
                        LOG.warnf("archive pull gives up after %d attempts: %s", attempt, e.getMessage());
                        outcome = "gave_up";
                        break;
                    }
                    LOG.infof("transient archive error (attempt %d): %s", attempt, e.getMessage());
                    backoff.pause(attempt);
                }
            }
        } finally {
            // No SDK call may outlive the run (and its leader lock).
            discard(next);
        }
        return new IngestRun(outcome, batches, stored, duplicates, quarantined, store.cursor(source()));
    }

    /** A batch being fetched and decoded ahead, from {@code cursor}. */
    private record Prefetch(long cursor, Future<DecodedBatch> future) {
        DecodedBatch await() throws ArchiveSdkException {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            } catch (ExecutionException e) {
                throw rethrow(e);
            }
        }
    }

    /** Waits for an unused prefetch to end and drops it, whatever its outcome. */
    private static void discard(Prefetch prefetch) {
        if (prefetch == null) {
            return;
        }
        try {
            prefetch.future().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debugf("discarded prefetch from seq %d failed: %s", prefetch.cursor(), e.getCause());
        }
    }

    private IngestRun stop(String error, int batches, long stored, long duplicates, long quarantined) {
        stopped = true;
        LOG.errorf("archive pull stopped: %s", error);
        store.recordError(source(), error);
        return new IngestRun("stopped", batches, stored, duplicates, quarantined, store.cursor(source()));
    }

    private ChatDataResponse fetch(long cursor) throws ArchiveSdkException {
        String body = source.sdk().getChatData(cursor, Math.min(config.pull().batchSize(), ArchiveSdk.MAX_LIMIT));
        try {
            return ChatDataResponse.parse(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ArchiveSdkException(10002, "GetChatData response is not the documented JSON: " + e.getMessage());
        }
    }

    /**
     * A GetChatData response from {@code cursor} with its new records, sorted by seq, and their decoded
     * outcomes; both lists are empty when the response carries an error or no records.
     */
    private record DecodedBatch(long cursor, ChatDataResponse response, List<ChatDataRecord> records,
            List<RecordOutcome> outcomes) {
        long lastSeq() {
            return records.getLast().seq();
        }
    }

    /** GetChatData from {@code cursor}, then RSA, DecryptData and parsing of every new record. No writes. */
    private DecodedBatch decode(long cursor) throws ArchiveSdkException {
        ChatDataResponse response = fetch(cursor);
        if (response.errcode() != 0 || response.records().isEmpty()) {
            return new DecodedBatch(cursor, response, List.of(), List.of());
        }
        List<ChatDataRecord> records = response.records().stream()
                .filter(r -> r.seq() > cursor)
                .sorted(java.util.Comparator.comparingLong(ChatDataRecord::seq))
                .toList();
        if (records.isEmpty()) {
            throw new ArchiveSdkException(10002, "GetChatData returned only seqs at or below the cursor " + cursor);
        }
        List<RecordOutcome> outcomes = parallel(workers, records.stream().<Callable<RecordOutcome>>map(r -> () -> decoder.decode(r))
                .toList());
        return new DecodedBatch(cursor, response, records, outcomes);
    }

    private StoreResult storeBatch(DecodedBatch batch) throws ArchiveSdkException {
        long cursor = batch.cursor();
        byte[] raw = batch.response().raw();
        List<ChatDataRecord> records = batch.records();
        List<RecordOutcome> outcomes = batch.outcomes();

        long first = records.getFirst().seq();
        long last = records.getLast().seq();
        String rawSha256 = Sha256.hex(raw);
        String encryptedKey = objectKey("encrypted", first, last, rawSha256, "json");
        evidence.put(encryptedKey, raw, rawSha256, "application/json");

        var decrypted = new ByteArrayOutputStream();
        Map<Long, EvidenceSlice> decryptedSlices = new java.util.HashMap<>();
        List<long[]> spans = new ArrayList<>();
        for (RecordOutcome outcome : outcomes) {
            if (outcome instanceof Decoded d) {
                byte[] bytes = d.decryptedJson().getBytes(StandardCharsets.UTF_8);
                spans.add(new long[] {d.record().seq(), decrypted.size(), bytes.length});
                decrypted.writeBytes(bytes);
                decrypted.write('\n');
            }
        }
        byte[] decryptedBytes = decrypted.toByteArray();
        String decryptedSha256 = Sha256.hex(decryptedBytes);
        String decryptedKey = objectKey("decrypted", first, last, decryptedSha256, "jsonl");
        if (decryptedBytes.length > 0) {
            evidence.put(decryptedKey, decryptedBytes, decryptedSha256, "application/x-ndjson");
        }
        for (long[] span : spans) {
            byte[] slice = Arrays.copyOfRange(decryptedBytes, (int) span[1], (int) (span[1] + span[2]));
            decryptedSlices.put(span[0], new EvidenceSlice("decrypted_json", decryptedKey, span[1], (int) span[2],
                    Sha256.hex(slice)));
        }

        List<Decoded> decoded = outcomes.stream().filter(Decoded.class::isInstance).map(Decoded.class::cast).toList();
        Set<String> known = store.existingMsgids(decoded.stream().map(d -> d.message().msgid()).toList());
        Map<String, List<StoredMedia>> mediaByMsgid = downloadMedia(decoded, known);

        List<MessageToStore> messages = new ArrayList<>();
        List<QuarantineEntry> quarantined = new ArrayList<>();
        for (RecordOutcome outcome : outcomes) {
            ChatDataRecord r = outcome.record();
            byte[] recordBytes = Arrays.copyOfRange(raw, r.offset(), r.offset() + r.length());
            if (outcome instanceof Decoded d) {
                var encryptedSlice = new EvidenceSlice("encrypted_record", encryptedKey, r.offset(), r.length(),
                        Sha256.hex(recordBytes));
                messages.add(new MessageToStore(d.message(), r.seq(),
                        List.of(encryptedSlice, decryptedSlices.get(r.seq())),
                        mediaByMsgid.getOrDefault(d.message().msgid(), List.of())));
            } else if (outcome instanceof Quarantined q) {
                LOG.tracef("quarantined seq %d (%s): %s", r.seq(), q.reason(), q.detail());
                quarantined.add(new QuarantineEntry(r.seq(), null, r.msgid(), r.publickeyVer(), q.reason(), q.detail(),
                        new String(recordBytes, StandardCharsets.UTF_8), encryptedKey));
            }
        }
        return store.store(new StoreBatch(source(), "archive", messages, quarantined, gaps(cursor, records),
                OptionalLong.of(last)));
    }

    private Map<String, List<StoredMedia>> downloadMedia(List<Decoded> decoded, Set<String> known)
            throws ArchiveSdkException {
        if (!config.media().download()) {
            return Map.of();
        }
        List<Callable<Map.Entry<String, StoredMedia>>> tasks = new ArrayList<>();
        for (Decoded d : decoded) {
            if (known.contains(d.message().msgid())) {
                continue; // stored by an earlier run, media included
            }
            for (MediaRef ref : d.message().media()) {
                tasks.add(() -> Map.entry(d.message().msgid(), media.download(ref)));
            }
        }
        Map<String, List<StoredMedia>> result = new java.util.HashMap<>();
        for (var entry : parallel(mediaWorkers, tasks)) {
            result.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue());
        }
        return result;
    }

    /** Seq ranges between the cursor and the records that the archive did not return. */
    static List<SeqGap> gaps(long cursor, List<ChatDataRecord> sortedRecords) {
        List<SeqGap> gaps = new ArrayList<>();
        long expected = cursor + 1;
        for (ChatDataRecord r : sortedRecords) {
            if (r.seq() > expected) {
                gaps.add(new SeqGap(expected, r.seq() - 1));
            }
            expected = Math.max(expected, r.seq() + 1);
        }
        return gaps;
    }

    private static <T> List<T> parallel(ExecutorService pool, List<Callable<T>> tasks) throws ArchiveSdkException {
        try {
            List<T> results = new ArrayList<>(tasks.size());
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a batch", e);
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    /** A task's own failure, as thrown: SDK errors and runtime exceptions unwrapped. */
    private static RuntimeException rethrow(ExecutionException e) throws ArchiveSdkException {
        if (e.getCause() instanceof ArchiveSdkException sdkError) {
            throw sdkError;
        }
        if (e.getCause() instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(e.getCause());
    }

    private String objectKey(String kind, long first, long last, String sha256, String extension) {
        return "archive/" + source() + "/" + kind + "/" + String.format("%012d-%012d", first, last) + "-"
                + sha256.substring(0, 16) + "." + extension;
    }

    private String source() {
        return source.name();
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (var ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, LEADER_LOCK);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c) throws SQLException {
        try (var ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
            ps.setLong(1, LEADER_LOCK);
            ps.execute();
        }
    }
}
