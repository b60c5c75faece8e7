package io.chatguard.platform.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Write-once object storage for evidence. Every object is stored with the SHA-256 of its content,
 * computed here before upload, in the object's metadata.
 *
 * <p>Writes are idempotent: putting the same content under an existing key returns the existing
 * object, while different content under an existing key is refused, because evidence is never
 * overwritten. Implementations are thread-safe.
 */
public interface EvidenceStore {

    /** Stores {@code content} under {@code key}. */
    default StoredObject put(String key, byte[] content, String contentType) {
        return put(key, content, Sha256.hex(content), contentType);
    }

    /**
     * Stores {@code content}, whose SHA-256 the caller computed already (for instance while the bytes
     * arrived), under {@code key} without hashing it again here. The hash goes to the store as the request's
     * payload hash, so the store itself rejects content that does not match it (objects too large for one
     * request are checked before the upload instead).
     *
     * @param sha256 lowercase hex SHA-256 of {@code content}
     * @throws io.chatguard.platform.error.ChatGuardException of type {@code STORAGE_UNAVAILABLE} when the
     *         store refuses the hash
     */
    StoredObject put(String key, byte[] content, String sha256, String contentType);

    /** Streams the file at {@code file} to {@code key}; the file is hashed first, so it must not change meanwhile. */
    default StoredObject put(String key, Path file, String contentType) {
        return put(key, file, Sha256.hex(file), contentType);
    }

    /**
     * Streams the file at {@code file}, whose SHA-256 the caller computed already, to {@code key}; see
     * {@link #put(String, byte[], String, String)}. The file must not change meanwhile.
     */
    StoredObject put(String key, Path file, String sha256, String contentType);

    /**
     * Opens the content of {@code key}. Caller closes the stream (it holds an HTTP connection).
     *
     * @throws io.chatguard.platform.error.ChatGuardException of type {@code OBJECT_NOT_FOUND}
     */
    InputStream get(String key);

    /**
     * Opens {@code length} bytes of {@code key} from {@code offset} (a message's slice of a batch object).
     * Caller closes the stream.
     *
     * @throws io.chatguard.platform.error.ChatGuardException of type {@code OBJECT_NOT_FOUND}
     */
    InputStream get(String key, long offset, long length);

    /**
     * Removes {@code key}. Only disposal after the retention period calls this, once it has checked
     * retention and legal holds; a store with object lock refuses it before the retain-until date anyway.
     */
    void delete(String key);

    /** Sets or clears the store's own legal hold on {@code key} where it has object lock; otherwise does nothing. */
    void legalHold(String key, boolean on);

    /** Metadata of {@code key}, or empty when there is no such object. */
    Optional<StoredObject> stat(String key);

    /**
     * Keys under {@code prefix} in lexical order, fetched page by page as the stream is consumed.
     * Caller closes the stream.
     */
    Stream<ObjectSummary> list(String prefix);

    /** Makes sure the bucket exists and answers; throws when the store is unreachable. */
    void ensureReady();
}
