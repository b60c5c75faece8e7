package io.chatguard.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.chatguard.archive.StoreBatch.StoredMedia;
import io.chatguard.archive.message.MediaRef;
import io.chatguard.archive.sdk.ArchiveSdk;
import io.chatguard.archive.sdk.ArchiveSdkException;
import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.platform.storage.StoredObject;

/**
 * Downloads a media file chunk by chunk (GetMediaData, at most 512 KB each) into a temp file,
 * verifies WeCom's MD5, and stores it content-addressed in the evidence store. A mismatch or a
 * transient SDK error restarts the download, up to the configured attempts; then the file is
 * recorded as failed and the message is stored anyway.
 */
final class MediaDownloader {
    private final ArchiveSdk sdk;
    private final EvidenceStore store;
    private final Backoff backoff;
    private final int maxAttempts;

    MediaDownloader(ArchiveSdk sdk, EvidenceStore store, Backoff backoff, int maxAttempts) {
        this.sdk = sdk;
        this.store = store;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
    }

    StoredMedia download(MediaRef ref) throws ArchiveSdkException {
        String error = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Path temp = null;
            try {
                temp = Files.createTempFile("chatguard-media-", "." + safeExtension(ref.extension()));
                String md5 = fetch(ref, temp);
                if (!ref.md5sum().isEmpty() && !ref.md5sum().equals(md5)) {
                    error = "md5 mismatch: WeCom says " + ref.md5sum() + ", downloaded " + md5;
                    continue;
                }
                String sha256 = io.chatguard.platform.storage.Sha256.hex(temp);
                String key = "media/" + sha256.substring(0, 2) + "/" + sha256 + "." + safeExtension(ref.extension());
                StoredObject stored = store.put(key, temp, contentType(ref));
                return new StoredMedia(ref, stored.key(), stored.sha256(), stored.size(), true, attempt, null);
            } catch (ArchiveSdkException e) {
                if (e.isFatal()) {
                    throw e;
                }
                error = e.getMessage();
                if (e.isPerItem()) {
                    return new StoredMedia(ref, null, null, -1, false, attempt, error);
                }
                backoff.pause(attempt);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deleteQuietly(temp);
            }
        }
        return new StoredMedia(ref, null, null, -1, false, maxAttempts, error);
    }

    /** Streams every chunk into {@code target}; returns the MD5 of what arrived. */
    private String fetch(MediaRef ref, Path target) throws ArchiveSdkException, IOException {
        MessageDigest md5 = md5();
        String index = "";
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int chunks = 0; ; chunks++) {
                if (chunks > 100_000) {
                    throw new ArchiveSdkException(10002, "GetMediaData never reported the end of " + ref.sdkfileid());
                }
                var chunk = sdk.getMediaData(ref.sdkfileid(), index);
                out.write(chunk.data());
                md5.update(chunk.data());
                if (chunk.finished()) {
                    break;
                }
                index = chunk.nextIndexBuf();
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String safeExtension(String extension) {
        String cleaned = extension.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return cleaned.isEmpty() || cleaned.length() > 10 ? "bin" : cleaned;
    }

    private static String contentType(MediaRef ref) {
        return switch (safeExtension(ref.extension())) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "amr" -> "audio/amr";
            case "mp4" -> "video/mp4";
            case "pdf" -> "application/pdf";
            default -> "application/octet-stream";
        };
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
