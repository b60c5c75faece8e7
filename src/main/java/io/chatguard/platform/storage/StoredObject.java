package io.chatguard.platform.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * An object in the evidence bucket with the SHA-256 recorded when it was written.
 *
 * @param key object key inside the bucket
 * @param sha256 lowercase hex SHA-256 of the content, as computed by ChatGuard before upload
 * @param size content length in bytes
 * @param contentType MIME type given at upload
 * @param lastModified time the store reports for the write
 */
public record StoredObject(String key, String sha256, long size, String contentType, Instant lastModified) {
    public StoredObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
    }
}
