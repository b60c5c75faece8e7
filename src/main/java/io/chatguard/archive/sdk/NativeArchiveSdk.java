package io.chatguard.archive.sdk;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link ArchiveSdk} over WeCom's native Finance SDK ({@code libWeWorkFinanceSdk_Java.so}).
 *
 * <p>One instance owns one SDK handle, created and initialised in the constructor and used by every call,
 * including every media chunk, so that no call ever needs a handle of its own. The handle is destroyed
 * only by {@link #close()}, exactly once; a failed call throws {@link ArchiveSdkException} and leaves the
 * handle usable. Every slice and media buffer is a {@link Slice} or {@link MediaBuffer} opened in
 * try-with-resources, so it is freed whether the native call succeeds, returns an error code or throws.
 *
 * <p>Thread-safe. WeCom does not document whether the SDK is, so native calls on the handle are serialised
 * by a fair lock. {@link #close()} takes the same lock: it waits for the call in flight, and calls made
 * afterwards throw {@link IllegalStateException} instead of reaching a destroyed handle. A media download
 * therefore holds up a concurrent GetChatData for at most one chunk (bounded by the timeout).
 *
 * <p>The instance keeps no seq: {@link #getChatData} only reads. The caller advances its committed seq
 * after the returned records are stored.
 */
public final class NativeArchiveSdk implements ArchiveSdk {
    /** WeCom's "bad parameter" code, also used for arguments rejected before reaching the SDK. */
    static final int BAD_PARAMETER = 10000;
    /** WeCom's "system failure" code, also used when the SDK cannot allocate a handle or buffer. */
    static final int SYSTEM_FAILURE = 10003;

    private final FinanceApi api;
    private final NativeSdkSettings settings;
    private final long sdk;
    private final ReentrantLock lock = new ReentrantLock(true);
    /** Guarded by {@link #lock}. */
    private boolean closed;

    /**
     * Creates and initialises the SDK handle ({@code NewSdk} + {@code Init}). Caller closes the instance.
     *
     * @throws ArchiveSdkException with Init's code when Init fails; the new handle is destroyed first
     */
    public NativeArchiveSdk(FinanceApi api, NativeSdkSettings settings) throws ArchiveSdkException {
        this.api = Objects.requireNonNull(api, "api");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sdk = newInitialisedSdk(api, settings);
    }

    /**
     * Builds the instance over the JNI library; this is what loads {@code libWeWorkFinanceSdk_Java.so}.
     * Caller closes the instance; the process should hold exactly one.
     *
     * <p>NOTE: on Java 24 and later, start the JVM with {@code --enable-native-access=ALL-UNNAMED}, or
     * {@code System.loadLibrary} logs a restricted-method warning (and a future release will refuse it).
     *
     * @throws IllegalStateException when the library cannot be loaded, naming what to install where
     * @throws ArchiveSdkException when Init fails (such as a wrong secret)
     */
    public static NativeArchiveSdk load(NativeSdkSettings settings) throws ArchiveSdkException {
        try {
            return new NativeArchiveSdk(new JniFinanceApi(), settings);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // The first attempt fails with UnsatisfiedLinkError from Finance's static initializer; later
            // attempts with NoClassDefFoundError, because the JVM does not retry a failed class initialisation.
            throw new IllegalStateException("Cannot load the WeCom Finance SDK: put libWeWorkFinanceSdk_Java.so "
                    + "(and the libraries it needs) in a directory named by -Djava.library.path, "
                    + "or select the simulator. java.library.path="
                    + System.getProperty("java.library.path") + "; cause: " + e, e);
        }
    }

    private static long newInitialisedSdk(FinanceApi api, NativeSdkSettings settings) throws ArchiveSdkException {
        long handle = api.newSdk();
        if (handle == 0) {
            throw new ArchiveSdkException(SYSTEM_FAILURE, "NewSdk returned no handle");
        }
        try {
            // The message names the corp only: the secret must never reach an exception or a log.
            check(api.init(handle, settings.corpId(), settings.secret()), "Init for corp " + settings.corpId());
            return handle;
        } catch (Throwable t) {
            // Nobody else has seen this handle, so destroying it here cannot pull it from under another call.
            try {
                api.destroySdk(handle);
            } catch (RuntimeException destroyFailure) {
                t.addSuppressed(destroyFailure);
            }
            throw t;
        }
    }

    @Override
    public String getChatData(long seq, int limit) throws ArchiveSdkException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ArchiveSdkException(BAD_PARAMETER,
                    "GetChatData limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
        if (seq < 0) {
            throw new ArchiveSdkException(BAD_PARAMETER, "GetChatData seq must not be negative, was " + seq);
        }
        lock.lock();
        try {
            ensureOpen();
            try (Slice slice = Slice.open(api)) {
                check(api.getChatData(sdk, seq, limit, settings.nativeProxy(), settings.nativeProxyPassword(),
                        settings.timeoutSeconds(), slice.pointer()), "GetChatData(seq=" + seq + ", limit=" + limit + ")");
                return slice.content();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String decryptData(String randomKey, String encryptChatMsg) throws ArchiveSdkException {
        // A null jstring can crash the JNI code, so nulls stop here. Neither value goes into a message.
        Objects.requireNonNull(randomKey, "randomKey");
        Objects.requireNonNull(encryptChatMsg, "encryptChatMsg");
        lock.lock();
        try {
            ensureOpen();
            try (Slice slice = Slice.open(api)) {
                check(api.decryptData(sdk, randomKey, encryptChatMsg, slice.pointer()), "DecryptData");
                return slice.content();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public MediaChunk getMediaData(String sdkFileId, String indexBuf) throws ArchiveSdkException {
        Objects.requireNonNull(sdkFileId, "sdkFileId");
        String index = Objects.requireNonNullElse(indexBuf, "");
        lock.lock();
        try {
            ensureOpen();
            try (MediaBuffer buffer = MediaBuffer.open(api)) {
                // NOTE: the native order is (indexbuf, sdkfileid), the reverse of this method's.
                check(api.getMediaData(sdk, index, sdkFileId, settings.nativeProxy(), settings.nativeProxyPassword(),
                        settings.timeoutSeconds(), buffer.pointer()), "GetMediaData");
                return buffer.toChunk();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Destroys the SDK handle once, after any call in flight returns. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            // Marked first: should DestroySdk throw, a second close must not destroy the handle again.
            closed = true;
            api.destroySdk(sdk);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("WeCom Finance SDK is closed");
        }
    }

    private static void check(int code, String call) throws ArchiveSdkException {
        if (code != 0) {
            throw new ArchiveSdkException(code, call + " failed");
        }
    }
}
