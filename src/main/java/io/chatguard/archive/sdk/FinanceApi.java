package io.chatguard.archive.sdk;

/**
 * The native calls of {@code com.tencent.wework.Finance} as instance methods, one to one. This is the seam
 * between {@link NativeArchiveSdk} and the JNI library: production uses {@link JniFinanceApi}, unit tests
 * a fake that tracks allocations.
 *
 * <p>Arguments and results have the raw native meaning: {@code long}s are pointers, {@code int}s are WeCom
 * return codes (0 = ok). Implementations need not be thread-safe; {@link NativeArchiveSdk} serialises calls.
 */
public interface FinanceApi {

    long newSdk();

    int init(long sdk, String corpId, String secret);

    int getChatData(long sdk, long seq, long limit, String proxy, String passwd, long timeout, long slice);

    int getMediaData(long sdk, String indexBuf, String sdkFileId, String proxy, String passwd, long timeout,
            long mediaData);

    int decryptData(long sdk, String encryptKey, String encryptMsg, long slice);

    void destroySdk(long sdk);

    long newSlice();

    void freeSlice(long slice);

    String getContentFromSlice(long slice);

    int getSliceLen(long slice);

    long newMediaData();

    void freeMediaData(long mediaData);

    String getOutIndexBuf(long mediaData);

    byte[] getData(long mediaData);

    int getIndexLen(long mediaData);

    int getDataLen(long mediaData);

    int isMediaDataFinish(long mediaData);
}
