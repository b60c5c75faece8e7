package io.chatguard.archive.sdk;

/**
 * One chunk returned by GetMediaData.
 *
 * @param data the chunk's bytes (at most 512 KB); owned by the caller
 * @param nextIndexBuf what to pass as {@code indexBuf} for the next chunk
 * @param finished true when this was the last chunk ({@code IsMediaDataFinish == 1})
 */
public record MediaChunk(byte[] data, String nextIndexBuf, boolean finished) {
    public MediaChunk {
        java.util.Objects.requireNonNull(data, "data");
        nextIndexBuf = nextIndexBuf == null ? "" : nextIndexBuf;
    }
}
