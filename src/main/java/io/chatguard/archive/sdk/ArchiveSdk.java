package io.chatguard.archive.sdk;

/**
 * The three calls ChatGuard makes on WeCom's session-archive ("Finance") SDK. Two implementations:
 * {@code NativeArchiveSdk} over the JNI library, and the simulator in
 * {@code io.chatguard.archive.simulator}.
 *
 * <p>Implementations are thread-safe. One instance lives for the whole process and is closed once at
 * shutdown; a failed call never closes it.
 */
public interface ArchiveSdk extends AutoCloseable {

    /** WeCom rejects larger GetChatData limits. */
    int MAX_LIMIT = 1000;

    /**
     * GetChatData: records with a seq greater than {@code seq}, at most {@code limit}.
     *
     * @return the response JSON text exactly as the SDK returned it, such as
     *         {@code {"errcode":0,"errmsg":"ok","chatdata":[{"seq":196,"msgid":"...","publickey_ver":3,
     *         "encrypt_random_key":"<base64>","encrypt_chat_msg":"<base64>"}]}}; a server-side error
     *         arrives as a non-zero {@code errcode} inside it
     * @throws ArchiveSdkException when the SDK call itself returns non-zero
     */
    String getChatData(long seq, int limit) throws ArchiveSdkException;

    /**
     * DecryptData: decrypts one record's {@code encrypt_chat_msg}.
     *
     * @param randomKey the record's {@code encrypt_random_key} after base64 decoding and RSA decryption
     *        with the private key of its {@code publickey_ver}, as a string
     * @return the decrypted message JSON text (it may contain raw control characters)
     */
    String decryptData(String randomKey, String encryptChatMsg) throws ArchiveSdkException;

    /**
     * GetMediaData: one chunk (at most 512 KB) of a media file.
     *
     * @param sdkFileId the {@code sdkfileid} from the message body
     * @param indexBuf {@code ""} for the first chunk, then {@link MediaChunk#nextIndexBuf()} of the previous one
     */
    MediaChunk getMediaData(String sdkFileId, String indexBuf) throws ArchiveSdkException;

    /** Releases the SDK handle. Called once, at shutdown. */
    @Override
    void close();
}
