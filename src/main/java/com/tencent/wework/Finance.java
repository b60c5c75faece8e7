package com.tencent.wework;

/**
 * JNI binding of WeCom's session-archive ("Finance") SDK, {@code libWeWorkFinanceSdk_Java.so}, exactly as
 * WeCom documents it. The native symbols are named after this package and class
 * ({@code Java_com_tencent_wework_Finance_*}), so neither may be renamed or moved.
 *
 * <p>Loading this class loads the library; only {@code io.chatguard.archive.sdk.JniFinanceApi} touches it,
 * and only when the native source is configured, so a deployment that uses the simulator never needs the
 * library. Return codes: 0 is success, anything else is a WeCom error code (domain.md §1).
 *
 * <p>NOTE: these are raw pointers. Every {@code NewSlice}/{@code NewMediaData} needs its {@code Free*},
 * {@code DestroySdk} may run only once per handle and never while another call uses it, and a {@code null}
 * string argument may crash the JVM. Use {@code io.chatguard.archive.sdk.NativeArchiveSdk}, never this
 * class directly.
 */
public final class Finance {

    static {
        System.loadLibrary("WeWorkFinanceSdk_Java");
    }

    private Finance() {
    }

    /** Creates an SDK instance; returns its handle. */
    public native static long NewSdk();

    /** Initialises {@code sdk} with the corp id and the archive (not an app) secret. */
    public native static int Init(long sdk, String corpid, String secret);

    /** Pulls records with seq greater than {@code seq} (at most {@code limit} ≤ 1000) into {@code slice}. */
    public native static int GetChatData(long sdk, long seq, long limit, String proxy, String passwd, long timeout,
            long slice);

    /** Pulls one chunk of a media file, continuing from {@code indexbuf}, into {@code mediaData}. */
    public native static int GetMediaData(long sdk, String indexbuf, String sdkfileid, String proxy, String passwd,
            long timeout, long mediaData);

    /** Decrypts {@code encryptMsg} with the RSA-decrypted random key {@code encryptKey} into {@code slice}. */
    public native static int DecryptData(long sdk, String encryptKey, String encryptMsg, long slice);

    /** Frees an SDK instance. */
    public native static void DestroySdk(long sdk);

    public native static long NewSlice();

    public native static void FreeSlice(long slice);

    public native static String GetContentFromSlice(long slice);

    public native static int GetSliceLen(long slice);

    public native static long NewMediaData();

    public native static void FreeMediaData(long mediaData);

    public native static String GetOutIndexBuf(long mediaData);

    public native static byte[] GetData(long mediaData);

    public native static int GetIndexLen(long mediaData);

    public native static int GetDataLen(long mediaData);

    /** 1 when the chunk in {@code mediaData} is the file's last. */
    public native static int IsMediaDataFinish(long mediaData);
}
