package io.chatguard.archive;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.chatguard.archive.StoreBatch.StoredMedia;
import io.chatguard.archive.message.MediaRef;
import io.chatguard.archive.sdk.ArchiveSdk;
import io.chatguard.archive.sdk.ArchiveSdkException;
import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.platform.storage.StoredObject;

/**
 * Downloads a media file chunk by chunk (GetMediaData, at most 512 KB each), hashing MD5 and SHA-256
 * as the chunks arrive ({@link ReceivedMedia}), verifies WeCom's MD5, and stores it content-addressed
 * in the evidence store with the SHA-256 already computed. A mismatch or a
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
            try (ReceivedMedia received = fetch(ref)) {
                if (!ref.md5sum().isEmpty() && !ref.md5sum().equals(received.md5())) {
                    error = "md5 mismatch: WeCom says " + ref.md5sum() + ", downloaded " + received.md5();
                    continue;
                }
                String sha256 = received.sha256();
                String key = "media/" + sha256.substring(0, 2) + "/" + sha256 + "." + safeExtension(ref.extension());
                StoredObject stored = received.storeAs(store, key, contentType(ref));
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
            }
        }
        return new StoredMedia(ref, null, null, -1, false, maxAttempts, error);
    }

    /** Receives every chunk, hashing as they arrive. Caller closes the result. */
    private ReceivedMedia fetch(MediaRef ref) throws ArchiveSdkException, IOException {
        ReceivedMedia received = new ReceivedMedia("." + safeExtension(ref.extension()));
        boolean success = false;
        try {
            String index = "";
            for (int chunks = 0; ; chunks++) {
                if (chunks > 100_000) {
                    throw new ArchiveSdkException(10002, "GetMediaData never reported the end of " + ref.sdkfileid());
                }
                var chunk = sdk.getMediaData(ref.sdkfileid(), index);
                received.append(chunk.data());
                if (chunk.finished()) {
                    break;
                }
                index = chunk.nextIndexBuf();
            }
            received.finish();
            success = true;
            return received;
        } finally {
            if (!success) {
                received.close();
            }
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

}
