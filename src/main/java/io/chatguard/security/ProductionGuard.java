package io.chatguard.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.chatguard.platform.storage.StorageConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Refuses to start a deployment that runs with demo or local-stack secrets. Only the local and
 * test profiles set {@code chatguard.security.demo-secrets-allowed}; every other profile,
 * {@code prod} included, is checked.
 */
@ApplicationScoped
public class ProductionGuard {
    static final int PRIORITY = jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE;

    /** Values that ship in this repository and so must never protect a real deployment. */
    static final Set<String> KNOWN_LOCAL_SECRETS = Set.of(
            "chatguard", "chatguard-demo", "chatguard-local", "chatguard-local-secret",
            "demo-advisor-token", "demo-officer-token", "demo-regulator-token", "demo-admin-token");

    private final GuardConfig guard;
    private final DemoConfig demo;
    private final StorageConfig storage;
    private final SecuritySettings settings;

    ProductionGuard(GuardConfig guard, DemoConfig demo, StorageConfig storage, SecuritySettings settings) {
        this.guard = guard;
        this.demo = demo;
        this.storage = storage;
        this.settings = settings;
    }

    void check(@Observes @Priority(PRIORITY) StartupEvent event) {
        if (guard.demoSecretsAllowed()) {
            return;
        }
        List<String> problems = violations(demo.seed(), settings.sessionEncryptionKey(), storage.secretKey(),
                settings.datasourcePassword(), settings.archiveSource());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("ChatGuard refuses to start with demo or missing secrets: "
                    + String.join("; ", problems));
        }
    }

    /** Everything wrong with the given production settings; empty when they are acceptable. */
    static List<String> violations(boolean demoSeed, Optional<String> sessionKey, String s3SecretKey,
            Optional<String> dbPassword, String archiveSource) {
        List<String> problems = new ArrayList<>();
        if (demoSeed) {
            problems.add("chatguard.demo.seed must be false outside the local profile");
        }
        if (sessionKey.isEmpty() || sessionKey.get().length() < 32) {
            problems.add("quarkus.http.auth.session.encryption-key (env CHATGUARD_SESSION_KEY) must be set to at least 32 random characters");
        } else if (KNOWN_LOCAL_SECRETS.contains(sessionKey.get())) {
            problems.add("the session encryption key is a demo value");
        }
        if (KNOWN_LOCAL_SECRETS.contains(s3SecretKey)) {
            problems.add("chatguard.storage.secret-key is the local S3Proxy value");
        }
        if (dbPassword.filter(KNOWN_LOCAL_SECRETS::contains).isPresent()) {
            problems.add("quarkus.datasource.password is the local development value");
        }
        if ("simulator".equalsIgnoreCase(archiveSource)) {
            problems.add("chatguard.archive.source=simulator would archive simulated messages; use native or none");
        }
        return problems;
    }

    /** Switch for the guard. */
    @ConfigMapping(prefix = "chatguard.security")
    public interface GuardConfig {
        /** True only in the local and test profiles, which run with the repository's demo values. */
        @WithDefault("false")
        boolean demoSecretsAllowed();
    }
}
