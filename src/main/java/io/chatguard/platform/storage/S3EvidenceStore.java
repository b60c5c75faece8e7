package io.chatguard.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.Http;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectAPIArgs;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.quarkus.runtime.StartupEvent;

/**
 * {@link EvidenceStore} on any S3 API through minio-java.
 *
 * <p>Objects up to {@value #PART_SIZE} bytes go up in one PutObject whose SigV4 payload hash
 * ({@code x-amz-content-sha256}) is the SHA-256 ChatGuard computed anyway for the object's metadata, so
 * minio-java does not hash the content again (over plain HTTP it would otherwise compute SHA-256 and a
 * CRC32C checksum itself) and the store still verifies the body against the hash. Larger objects use
 * minio-java's multipart upload, which hashes each part; their whole-file hash is checked here.
 */
@ApplicationScoped
public class S3EvidenceStore implements EvidenceStore {
    private static final Logger LOG = Logger.getLogger(S3EvidenceStore.class);
    /** User-metadata name; S3 sends it as {@code x-amz-meta-sha256}. */
    static final String SHA256_META = "sha256";
    private static final long PART_SIZE = 16L * 1024 * 1024;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final MinioAsyncClient client;
    private final String bucket;
    private final StorageConfig config;
    private final java.time.Clock clock;

    S3EvidenceStore(MinioAsyncClient client, StorageConfig config, java.time.Clock clock) {
        this.client = client;
        this.bucket = config.bucket();
        this.config = config;
        this.clock = clock;
    }

    void createBucketOnStart(@Observes StartupEvent event) {
        try {
            ensureReady();
        } catch (ChatGuardException e) {
            // Readiness reports the store DOWN and retries; the service itself may still start.
            LOG.errorf("object storage not ready at start-up: %s", e.getMessage());
        }
    }

    @Override
    public void ensureReady() {
        try {
            if (!join(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()))) {
                try {
                    join(client.makeBucket(MakeBucketArgs.builder().bucket(bucket).objectLock(config.objectLock()).build()));
                    LOG.infof("created bucket %s", bucket);
                } catch (ErrorResponseException e) {
                    if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                        throw e;
                    }
                }
            }
        } catch (MinioException e) {
            throw unavailable("bucket " + bucket, e);
        }
    }

    @Override
    public StoredObject put(String key, byte[] content, String sha256, String contentType) {
        Objects.requireNonNull(content, "content");
        return putOnce(key, sha256, content.length, contentType, headers -> client.putObject(
                PutObjectAPIArgs.builder().bucket(bucket).object(key).data(content, content.length)
                        .contentType(contentType(contentType)).headers(headers).build()));
    }

    @Override
    public StoredObject put(String key, Path file, String sha256, String contentType) {
        try {
            long size = Files.size(file);
            if (size > PART_SIZE) {
                // Multipart uploads are signed per part, so the server never sees the whole file's hash:
                // check it here (one more pass, only for files above 16 MB).
                if (!Sha256.hex(file).equals(sha256)) {
                    throw new ChatGuardException(ProblemType.STORAGE_UNAVAILABLE,
                            "object " + key + " not stored: its content does not match the given SHA-256");
                }
                return putOnce(key, sha256, size, contentType, headers -> multipart(key, file, size, sha256,
                        contentType));
            }
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                return putOnce(key, sha256, size, contentType, headers -> client.putObject(
                        PutObjectAPIArgs.builder().bucket(bucket).object(key).file(in, size)
                                .contentType(contentType(contentType)).headers(headers).build()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One upload attempt given the headers to send (payload hash and recorded hash). */
    @FunctionalInterface
    private interface Upload {
        CompletableFuture<?> start(Http.Headers headers) throws MinioException, IOException;
    }

    private StoredObject putOnce(String key, String sha256, long size, String contentType, Upload upload) {
        checkKey(key);
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
        Optional<StoredObject> existing = stat(key);
        if (existing.isPresent()) {
            if (existing.get().sha256().equals(sha256)) {
                return existing.get();
            }
            throw new ChatGuardException(ProblemType.OBJECT_CONFLICT,
                    "object " + key + " already holds different content; evidence is never overwritten");
        }
        Http.Headers headers = new Http.Headers();
        // The SigV4 payload hash: minio-java uses it instead of hashing the body, and the store checks it.
        headers.put(Http.Headers.X_AMZ_CONTENT_SHA256, sha256);
        headers.put("x-amz-meta-" + SHA256_META, sha256);
        if (config.objectLock()) {
            headers.put("x-amz-object-lock-mode", "COMPLIANCE");
            headers.put("x-amz-object-lock-retain-until-date", java.time.ZonedDateTime.now(clock).plus(config.retention())
                    .withZoneSameInstant(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .format(java.time.format.DateTimeFormatter.ISO_INSTANT));
        }
        try {
            join(upload.start(headers));
        } catch (MinioException e) {
            throw unavailable("put " + key, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // No HEAD after the upload: a 200 means the store has exactly these bytes (it checked the hash).
        return new StoredObject(key, sha256, size, contentType(contentType), null);
    }

    /** Above one part: minio-java's multipart upload, which hashes each part itself. */
    private CompletableFuture<?> multipart(String key, Path file, long size, String sha256, String contentType)
            throws MinioException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            CompletableFuture<?> upload = client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(in, size, PART_SIZE)
                    .contentType(contentType(contentType))
                    .userMetadata(Map.of(SHA256_META, sha256))
                    .build());
            upload.exceptionally(e -> null).join(); // the stream must stay open until the upload ends
            return upload;
        }
    }

    private static String contentType(String contentType) {
        return contentType == null ? "application/octet-stream" : contentType;
    }

    /** Waits for {@code future}, turning a failure back into the exception minio-java raised. */
    private <T> T join(CompletableFuture<T> future) throws MinioException {
        try {
            return future.join();
        } catch (CompletionException e) {
            client.throwMinioException(e);
            throw e;
        }
    }

    @Override
    public InputStream get(String key) {
        return open(key, GetObjectArgs.builder().bucket(bucket).object(key).build());
    }

    @Override
    public InputStream get(String key, long offset, long length) {
        return open(key, GetObjectArgs.builder().bucket(bucket).object(key).offset(offset).length(length).build());
    }

    private InputStream open(String key, GetObjectArgs args) {
        checkKey(key);
        try {
            return join(client.getObject(args));
        } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
                throw new ChatGuardException(ProblemType.OBJECT_NOT_FOUND, "no object " + key);
            }
            throw unavailable("get " + key, e);
        } catch (MinioException e) {
            throw unavailable("get " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        checkKey(key);
        try {
            join(client.removeObject(io.minio.RemoveObjectArgs.builder().bucket(bucket).object(key).build()));
        } catch (MinioException e) {
            throw unavailable("delete " + key, e);
        }
    }

    @Override
    public void legalHold(String key, boolean on) {
        if (!config.objectLock()) {
            return;
        }
        checkKey(key);
        try {
            if (on) {
                join(client.enableObjectLegalHold(io.minio.EnableObjectLegalHoldArgs.builder().bucket(bucket).object(key)
                        .build()));
            } else {
                join(client.disableObjectLegalHold(io.minio.DisableObjectLegalHoldArgs.builder().bucket(bucket).object(key)
                        .build()));
            }
        } catch (MinioException e) {
            throw unavailable("legal hold " + key, e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        checkKey(key);
        try {
            StatObjectResponse stat = join(client.statObject(StatObjectArgs.builder().bucket(bucket).object(key)
                    .build()));
            String sha256 = stat.userMetadata().getFirst(SHA256_META);
            if (sha256 == null) {
                // Written by something other than ChatGuard: no recorded hash to trust.
                throw new ChatGuardException(ProblemType.OBJECT_CONFLICT,
                        "object " + key + " has no recorded SHA-256; it was not written by ChatGuard");
            }
            return Optional.of(new StoredObject(key, sha256, stat.size(), stat.contentType(),
                    stat.lastModified() == null ? null : stat.lastModified().toInstant()));
        } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw unavailable("stat " + key, e);
        } catch (MinioException e) {
            throw unavailable("stat " + key, e);
        }
    }

    @Override
    public Stream<ObjectSummary> list(String prefix) {
        Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder()
                .bucket(bucket).prefix(prefix).recursive(true).build());
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(results.iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false)
                .map(result -> {
                    try {
                        Item item = result.get();
                        Instant modified = item.lastModified() == null ? null : item.lastModified().toInstant();
                        return new ObjectSummary(item.objectName(), item.size(), modified);
                    } catch (MinioException e) {
                        throw unavailable("list " + prefix, e);
                    }
                });
    }

    private static boolean isNotFound(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code)
                || (e.response() != null && e.response().code() == 404);
    }

    private static void checkKey(String key) {
        if (key == null || key.isBlank() || key.startsWith("/") || key.contains("..") || key.length() > 1024) {
            throw new ChatGuardException(ProblemType.BAD_REQUEST, "invalid object key: " + key);
        }
    }

    private ChatGuardException unavailable(String what, Exception e) {
        return new ChatGuardException(ProblemType.STORAGE_UNAVAILABLE,
                "object storage failed (" + what + "): " + e.getMessage(), e);
    }
}
