package io.chatguard.platform.storage;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.minio.MinioAsyncClient;

/**
 * Builds the one {@link MinioAsyncClient} of the process from {@link StorageConfig}. The asynchronous
 * client, because only it exposes the plain PutObject call that accepts a payload hash computed by the
 * caller ({@link S3EvidenceStore} joins every call, so the store itself stays blocking).
 */
@Singleton
public class MinioClientProducer {

    @Produces
    @Singleton
    MinioAsyncClient minioClient(StorageConfig config) {
        return MinioAsyncClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .build();
    }

    void close(@Disposes MinioAsyncClient client) throws Exception {
        client.close();
    }
}
