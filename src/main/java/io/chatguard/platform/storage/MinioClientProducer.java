package io.chatguard.platform.storage;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.minio.MinioClient;

/** Builds the one {@link MinioClient} of the process from {@link StorageConfig}. */
@Singleton
public class MinioClientProducer {

    @Produces
    @Singleton
    MinioClient minioClient(StorageConfig config) {
        return MinioClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .build();
    }

    void close(@Disposes MinioClient client) throws Exception {
        client.close();
    }
}
