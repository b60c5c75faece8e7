package io.chatguard.platform.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where evidence objects live: any S3 API (S3Proxy locally and in tests, MinIO in production). */
@ConfigMapping(prefix = "chatguard.storage")
public interface StorageConfig {
    /** Endpoint URL, such as {@code http://127.0.0.1:9000}. */
    String endpoint();

    /** S3 access key. No default: supplied by the environment outside the local profile. */
    String accessKey();

    /** S3 secret key. No default: supplied by the environment outside the local profile. */
    String secretKey();

    /** Bucket holding all evidence; created at start-up when missing. */
    @WithDefault("chatguard-evidence")
    String bucket();

    /**
     * How long evidence is kept from when it was stored (ISO-8601 period; China's rules ask for 20 years).
     * ChatGuard refuses to dispose of an object earlier; with {@link #objectLock()} the store refuses too.
     */
    @WithDefault("P20Y")
    java.time.Period retention();

    /**
     * Whether the bucket has S3 Object Lock (MinIO: created with {@code --with-lock}): objects are then
     * written in COMPLIANCE mode retained for {@link #retention()}, and legal holds are set on the
     * object as well. S3Proxy has no object lock: ChatGuard's own checks are the guard there.
     */
    @WithDefault("false")
    boolean objectLock();

    /** Region sent in signatures; S3Proxy and MinIO accept the default. */
    @WithDefault("us-east-1")
    String region();
}
