package io.chatguard.archive.sdk;

import java.util.Objects;

/**
 * What {@link NativeArchiveSdk} passes to the native SDK.
 *
 * <p>NOTE: {@link #toString()} redacts {@code secret} and {@code proxyPassword}; never log the accessors.
 *
 * @param corpId the WeCom corp id
 * @param secret the session-archive secret (not an application secret); supplied as a secret, never logged
 * @param proxy the HTTP proxy for SDK traffic, such as {@code http://10.0.0.1:3128}, or {@code null} for none
 * @param proxyPassword the proxy credentials ({@code user:password}), or {@code null}; never logged
 * @param timeoutSeconds the network timeout of each GetChatData and GetMediaData call, positive
 */
public record NativeSdkSettings(String corpId, String secret, String proxy, String proxyPassword,
        long timeoutSeconds) {

    private static final String REDACTED = "***";

    public NativeSdkSettings {
        if (corpId == null || corpId.isBlank()) {
            throw new IllegalArgumentException("corpId is required");
        }
        // The message must not echo the value: it is a secret even when malformed.
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("secret is required");
        }
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("timeoutSeconds must be positive, was " + timeoutSeconds);
        }
    }

    /** The proxy as the SDK expects it: {@code ""} for none, because a null jstring may crash the JNI code. */
    String nativeProxy() {
        return Objects.requireNonNullElse(proxy, "");
    }

    /** The proxy password as the SDK expects it: {@code ""} for none. */
    String nativeProxyPassword() {
        return Objects.requireNonNullElse(proxyPassword, "");
    }

    @Override
    public String toString() {
        return "NativeSdkSettings[corpId=" + corpId
                + ", secret=" + REDACTED
                + ", proxy=" + withoutUserInfo(proxy)
                + ", proxyPassword=" + (proxyPassword == null ? null : REDACTED)
                + ", timeoutSeconds=" + timeoutSeconds + "]";
    }

    /** Hides credentials written into the proxy URL itself ({@code http://user:pass@host:port}). */
    private static String withoutUserInfo(String proxy) {
        if (proxy == null) {
            return null;
        }
        int at = proxy.lastIndexOf('@');
        if (at < 0) {
            return proxy;
        }
        int scheme = proxy.indexOf("://");
        int start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
        return proxy.substring(0, start) + REDACTED + proxy.substring(at);
    }
}
