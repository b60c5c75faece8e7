package io.chatguard.archive.sdk;

/**
 * A native media buffer ({@code NewMediaData} … {@code FreeMediaData}) holding one chunk of a media file.
 * Opened in try-with-resources by the method that uses it, so {@code FreeMediaData} runs however the
 * native call ends.
 *
 * <p>Not thread-safe: it lives inside one serialised {@link NativeArchiveSdk} call.
 */
final class MediaBuffer implements AutoCloseable {
    private static final byte[] EMPTY = new byte[0];

    private final FinanceApi api;
    private final long pointer;
    private boolean freed;

    private MediaBuffer(FinanceApi api, long pointer) {
        this.api = api;
        this.pointer = pointer;
    }

    /** Allocates a media buffer; caller closes. */
    static MediaBuffer open(FinanceApi api) throws ArchiveSdkException {
        long pointer = api.newMediaData();
        if (pointer == 0) {
            throw new ArchiveSdkException(NativeArchiveSdk.SYSTEM_FAILURE, "NewMediaData returned no buffer");
        }
        return new MediaBuffer(api, pointer);
    }

    /** The native pointer, to pass to the GetMediaData call that fills this buffer. */
    long pointer() {
        if (freed) {
            throw new IllegalStateException("media buffer already freed");
        }
        return pointer;
    }

    /**
     * Copies the filled buffer into a {@link MediaChunk}: {@code GetData}, {@code GetOutIndexBuf} and
     * {@code IsMediaDataFinish == 1}. The chunk owns its bytes, so it stays valid after this buffer is freed.
     */
    MediaChunk toChunk() {
        long p = pointer();
        byte[] data = api.getData(p);
        return new MediaChunk(data == null ? EMPTY : data, api.getOutIndexBuf(p), api.isMediaDataFinish(p) == 1);
    }

    @Override
    public void close() {
        if (!freed) {
            // Marked first: should FreeMediaData throw, a second close must not free the pointer again.
            freed = true;
            api.freeMediaData(pointer);
        }
    }
}
