package io.chatguard.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/** The Quarkus HTTP-security settings that ChatGuard code needs to read. */
@ApplicationScoped
class SecuritySettings {
    private final Config config;

    SecuritySettings(Config config) {
        this.config = config;
    }

    String sessionCookieName() {
        return config.getOptionalValue("quarkus.http.auth.form.cookie-name", String.class).orElse("quarkus-credential");
    }

    Optional<String> sessionEncryptionKey() {
        return config.getOptionalValue("quarkus.http.auth.session.encryption-key", String.class);
    }

    /** Read as a plain key: the archive feature sits above security and is not a dependency. */
    String archiveSource() {
        return config.getOptionalValue("chatguard.archive.source", String.class).orElse("none");
    }

    Optional<String> datasourcePassword() {
        return config.getOptionalValue("quarkus.datasource.password", String.class);
    }
}
