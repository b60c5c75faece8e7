package io.chatguard.platform.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
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
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.quarkus.runtime.StartupEvent;

/** {@link EvidenceStore} on any S3 API through minio-java. */
@ApplicationScoped
public class S3EvidenceStore implements EvidenceStore {
    private static final Logger LOG = Logger.getLogger(S3EvidenceStore.class);
    /** User-metadata name; S3 sends it as {@code x-amz-meta-sha256}. */
    static final String SHA256_META = "sha256";
    private static final long PART_SIZE = 16L * 1024 * 1024;

    private final MinioClient client;
    private final String bucket;

    S3EvidenceStore(MinioClient client, StorageConfig config) {
        this.client = client;
        this.bucket = config.bucket();
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
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
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
    public StoredObject put(String key, byte[] content, String contentType) {
        Objects.requireNonNull(content, "content");
        return putOnce(key, Sha256.hex(content), content.length, contentType,
                () -> new ByteArrayInputStream(content));
    }

    @Override
    public StoredObject put(String key, Path file, String contentType) {
        try {
            long size = Files.size(file);
            return putOnce(key, Sha256.hex(file), size, contentType, () -> {
                try {
                    return Files.newInputStream(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoredObject putOnce(String key, String sha256, long size, String contentType,
            java.util.function.Supplier<InputStream> content) {
        checkKey(key);
        Optional<StoredObject> existing = stat(key);
        if (existing.isPresent()) {
            if (existing.get().sha256().equals(sha256)) {
                return existing.get();
            }
            throw new ChatGuardException(ProblemType.OBJECT_CONFLICT,
                    "object " + key + " already holds different content; evidence is never overwritten");
        }
        try (InputStream in = content.get()) {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .stream(in, size, PART_SIZE)
                    .contentType(contentType == null ? "application/octet-stream" : contentType)
                    .userMetadata(Map.of(SHA256_META, sha256))
                    .build());
        } catch (MinioException e) {
            throw unavailable("put " + key, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stat(key).orElseThrow(() -> new ChatGuardException(ProblemType.STORAGE_UNAVAILABLE,
                "object " + key + " vanished right after upload"));
    }

    @Override
    public InputStream get(String key) {
        checkKey(key);
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
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
    public Optional<StoredObject> stat(String key) {
        checkKey(key);
        try {
            StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
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
