package io.chatguard.archive.sdk;

import com.tencent.wework.Finance;

/**
 * {@link FinanceApi} over the JNI class {@link Finance}. The first call to any method loads
 * {@code libWeWorkFinanceSdk_Java.so} (and throws {@link UnsatisfiedLinkError} when it is missing); creating
 * an instance does not. Stateless.
 */
final class JniFinanceApi implements FinanceApi {

    @Override
    public long newSdk() {
        return Finance.NewSdk();
    }

    @Override
    public int init(long sdk, String corpId, String secret) {
        return Finance.Init(sdk, corpId, secret);
    }

    @Override
    public int getChatData(long sdk, long seq, long limit, String proxy, String passwd, long timeout, long slice) {
        return Finance.GetChatData(sdk, seq, limit, proxy, passwd, timeout, slice);
    }

    @Override
    public int getMediaData(long sdk, String indexBuf, String sdkFileId, String proxy, String passwd, long timeout,
            long mediaData) {
        return Finance.GetMediaData(sdk, indexBuf, sdkFileId, proxy, passwd, timeout, mediaData);
    }

    @Override
    public int decryptData(long sdk, String encryptKey, String encryptMsg, long slice) {
        return Finance.DecryptData(sdk, encryptKey, encryptMsg, slice);
    }

    @Override
    public void destroySdk(long sdk) {
        Finance.DestroySdk(sdk);
    }

    @Override
    public long newSlice() {
        return Finance.NewSlice();
    }

    @Override
    public void freeSlice(long slice) {
        Finance.FreeSlice(slice);
    }

    @Override
    public String getContentFromSlice(long slice) {
        return Finance.GetContentFromSlice(slice);
    }

    @Override
    public int getSliceLen(long slice) {
        return Finance.GetSliceLen(slice);
    }

    @Override
    public long newMediaData() {
        return Finance.NewMediaData();
    }

    @Override
    public void freeMediaData(long mediaData) {
        Finance.FreeMediaData(mediaData);
    }

    @Override
    public String getOutIndexBuf(long mediaData) {
        return Finance.GetOutIndexBuf(mediaData);
    }

    @Override
    public byte[] getData(long mediaData) {
        return Finance.GetData(mediaData);
    }

    @Override
    public int getIndexLen(long mediaData) {
        return Finance.GetIndexLen(mediaData);
    }

    @Override
    public int getDataLen(long mediaData) {
        return Finance.GetDataLen(mediaData);
    }

    @Override
    public int isMediaDataFinish(long mediaData) {
        return Finance.IsMediaDataFinish(mediaData);
    }
}
