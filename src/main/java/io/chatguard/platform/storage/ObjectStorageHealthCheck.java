package io.chatguard.platform.storage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the evidence bucket exists (creating it if needed) and the store answers. */
@Readiness
@ApplicationScoped
public class ObjectStorageHealthCheck implements HealthCheck {
    private final EvidenceStore store;
    private final StorageConfig config;

    ObjectStorageHealthCheck(EvidenceStore store, StorageConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Object storage").withData("bucket", config.bucket());
        try {
            store.ensureReady();
            return response.up().build();
        } catch (RuntimeException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
