package io.chatguard.archive;

import io.chatguard.archive.sdk.ArchiveSdk;
import io.chatguard.archive.sdk.ArchiveSdkException;
import io.chatguard.archive.sdk.MediaChunk;

/** Stands in when {@code chatguard.archive.source=none}: every call fails fatally with a clear reason. */
final class UnconfiguredArchiveSdk implements ArchiveSdk {
    private static final int NOT_CONFIGURED = 10000;
    private static final String WHY = "no WeCom archive is configured (chatguard.archive.source=none)";

    @Override
    public String getChatData(long seq, int limit) throws ArchiveSdkException {
        throw new ArchiveSdkException(NOT_CONFIGURED, WHY);
    }

    @Override
    public String decryptData(String randomKey, String encryptChatMsg) throws ArchiveSdkException {
        throw new ArchiveSdkException(NOT_CONFIGURED, WHY);
    }

    @Override
    public MediaChunk getMediaData(String sdkFileId, String indexBuf) throws ArchiveSdkException {
        throw new ArchiveSdkException(NOT_CONFIGURED, WHY);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
