package io.chatguard.archive.sdk;

import java.util.Objects;

/**
 * A native slice ({@code NewSlice} … {@code FreeSlice}) holding the text result of GetChatData or
 * DecryptData. Opened in try-with-resources by the method that uses it, so {@code FreeSlice} runs however
 * the native call ends.
 *
 * <p>Not thread-safe: it lives inside one serialised {@link NativeArchiveSdk} call.
 */
final class Slice implements AutoCloseable {
    private final FinanceApi api;
    private final long pointer;
    private boolean freed;

    private Slice(FinanceApi api, long pointer) {
        this.api = api;
        this.pointer = pointer;
    }

    /** Allocates a slice; caller closes. */
    static Slice open(FinanceApi api) throws ArchiveSdkException {
        long pointer = api.newSlice();
        if (pointer == 0) {
            throw new ArchiveSdkException(NativeArchiveSdk.SYSTEM_FAILURE, "NewSlice returned no buffer");
        }
        return new Slice(api, pointer);
    }

    /** The native pointer, to pass to the call that fills this slice. */
    long pointer() {
        if (freed) {
            throw new IllegalStateException("slice already freed");
        }
        return pointer;
    }

    /** The slice's text ({@code GetContentFromSlice}); {@code ""} when the SDK returns none. */
    String content() {
        return Objects.requireNonNullElse(api.getContentFromSlice(pointer()), "");
    }

    @Override
    public void close() {
        if (!freed) {
            // Marked first: should FreeSlice throw, a second close must not free the pointer again.
            freed = true;
            api.freeSlice(pointer);
        }
    }
}
