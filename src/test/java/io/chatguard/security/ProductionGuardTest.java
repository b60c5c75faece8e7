package io.chatguard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProductionGuardTest {
    private static final Optional<String> STRONG_KEY = Optional.of("k3Jp9x2QvLw8Zr5Tn1Yb7Hc4Md6Fs0Ga");

    @Test
    void acceptsRealSecrets() {
        assertThat(ProductionGuard.violations(false, STRONG_KEY, "s3-secret-from-vault", Optional.of("db-pass-from-vault"), "native"))
                .isEmpty();
    }

    @Test
    void refusesDemoSeedingMissingOrWeakSessionKeyAndLocalStackSecrets() {
        assertThat(ProductionGuard.violations(true, Optional.empty(), "chatguard-local-secret", Optional.of("chatguard"),
                "simulator"))
                .containsExactly(
                        "chatguard.demo.seed must be false outside the local profile",
                        "quarkus.http.auth.session.encryption-key (env CHATGUARD_SESSION_KEY) must be set to at least 32 random characters",
                        "chatguard.storage.secret-key is the local S3Proxy value",
                        "quarkus.datasource.password is the local development value",
                        "chatguard.archive.source=simulator would archive simulated messages; use native or none");
        assertThat(ProductionGuard.violations(false, Optional.of("short"), "s3", Optional.empty(), "none")).hasSize(1);
    }
}
