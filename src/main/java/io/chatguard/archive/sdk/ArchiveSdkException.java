package io.chatguard.archive.sdk;

import java.util.Set;

/**
 * A non-zero return code of an SDK call, or a non-zero {@code errcode} in a GetChatData response.
 *
 * <p>SDK codes (domain.md §1): 10000 bad parameter, 10001 network, 10002 parse failure, 10003 system
 * failure, 10004 key error, 10005 bad sdkfileid, 10006 decrypt failed, 10007 no private key for the
 * key version, 10008 cannot parse encrypt_key, 10009 IP not allowed, 10010 data expired, 10011
 * certificate error. Server codes: 301052 archive subscription expired, 301042 IP not whitelisted,
 * 48002 wrong secret.
 */
public class ArchiveSdkException extends Exception {
    /** Worth retrying with back-off. */
    private static final Set<Integer> TRANSIENT = Set.of(10001, 10002, 10003);
    /** Problems of one record or media file: skip (quarantine) it and go on. */
    private static final Set<Integer> PER_ITEM = Set.of(10005, 10006, 10007, 10008);

    private final int code;

    public ArchiveSdkException(int code, String message) {
        super(message + " (code " + code + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Network, parse or system failures that WeCom documents as retryable. */
    public boolean isTransient() {
        return TRANSIENT.contains(code);
    }

    /** Failures tied to one record or media file rather than to the archive as a whole. */
    public boolean isPerItem() {
        return PER_ITEM.contains(code);
    }

    /** Anything else stops the pull loop with a visible status until an operator acts. */
    public boolean isFatal() {
        return !isTransient() && !isPerItem();
    }
}
