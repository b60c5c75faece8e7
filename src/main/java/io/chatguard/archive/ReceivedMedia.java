package io.chatguard.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.platform.storage.Sha256;
import io.chatguard.platform.storage.StoredObject;

/**
 * One media file as its GetMediaData chunks arrive. Each chunk is hashed once, for MD5 (WeCom's
 * {@code md5sum} check) and SHA-256 (the content address) together, so the bytes are never read again
 * for hashing. A file that arrives in a single chunk (most images and voice messages) stays in that
 * chunk's array; from the second chunk on, the bytes go to a temp file.
 *
 * <p>Not thread-safe. The caller closes it, which deletes the temp file.
 */
final class ReceivedMedia implements AutoCloseable {
    private final String tempSuffix;
    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha256 = Sha256.newDigest();
    private byte[] single;
    private Path file;
    private OutputStream out;
    private long size;
    private String md5Hex;
    private String sha256Hex;

    /** @param tempSuffix suffix of the temp file, if one is needed (such as {@code .jpg}) */
    ReceivedMedia(String tempSuffix) {
        this.tempSuffix = tempSuffix;
    }

    /** Adds the next chunk; keeps a reference to {@code chunk}, which the caller must not change. */
    void append(byte[] chunk) throws IOException {
        if (md5Hex != null) {
            throw new IllegalStateException("already finished");
        }
        md5.update(chunk);
        sha256.update(chunk);
        size += chunk.length;
        if (file == null && single == null) {
            single = chunk;
            return;
        }
        if (file == null) {
            file = Files.createTempFile("chatguard-media-", tempSuffix);
            out = Files.newOutputStream(file);
            out.write(single);
            single = null;
        }
        out.write(chunk);
    }

    /** Ends the file: no more chunks; the hashes are available from now on. */
    void finish() throws IOException {
        if (md5Hex != null) {
            return;
        }
        if (out != null) {
            out.close();
            out = null;
        }
        md5Hex = HexFormat.of().formatHex(md5.digest());
        sha256Hex = HexFormat.of().formatHex(sha256.digest());
    }

    /** Lowercase hex MD5 of every byte received. */
    String md5() {
        checkFinished();
        return md5Hex;
    }

    /** Lowercase hex SHA-256 of every byte received. */
    String sha256() {
        checkFinished();
        return sha256Hex;
    }

    long size() {
        return size;
    }

    /** The temp file holding the bytes once more than one chunk arrived, else null. */
    Path tempFile() {
        return file;
    }

    /** Stores the received bytes under {@code key} with the SHA-256 computed while receiving. */
    StoredObject storeAs(EvidenceStore store, String key, String contentType) {
        checkFinished();
        return file != null ? store.put(key, file, sha256Hex, contentType)
                : store.put(key, single == null ? new byte[0] : single, sha256Hex, contentType);
    }

    @Override
    public void close() throws IOException {
        try {
            if (out != null) {
                out.close();
            }
        } finally {
            out = null;
            single = null;
            if (file != null) {
                Files.deleteIfExists(file);
                file = null;
            }
        }
    }

    private void checkFinished() {
        if (md5Hex == null) {
            throw new IllegalStateException("not finished");
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships " + algorithm, e);
        }
    }
}
