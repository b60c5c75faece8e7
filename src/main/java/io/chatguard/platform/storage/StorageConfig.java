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

    /** Region sent in signatures; S3Proxy and MinIO accept the default. */
    @WithDefault("us-east-1")
    String region();
}
