package io.chatguard.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

/**
 * Recently authenticated bearer tokens, by SHA-256, so a busy client (the pre-send check) does not
 * cost a database round trip per request. An entry lives {@code chatguard.security.token-cache-ttl}
 * (30 s; 0 disables) and never past the token's own expiry. Revoking evicts at once on this instance;
 * other instances stop accepting the token within the TTL. Thread-safe.
 */
@ApplicationScoped
class ApiTokenCache {
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(ApiTokenService.TokenIdentity identity, Instant validUntil) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration ttl;

    ApiTokenCache(Config config) {
        this.ttl = config.getOptionalValue("chatguard.security.token-cache-ttl", Duration.class).orElse(Duration.ofSeconds(30));
    }

    Optional<ApiTokenService.TokenIdentity> get(String sha256, Instant now) {
        Entry e = entries.get(sha256);
        if (e == null) {
            return Optional.empty();
        }
        if (!now.isBefore(e.validUntil())) {
            entries.remove(sha256, e);
            return Optional.empty();
        }
        return Optional.of(e.identity());
    }

    void put(String sha256, ApiTokenService.TokenIdentity identity, Instant now) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude but bounded; the next requests repopulate it
        }
        Instant until = now.plus(ttl);
        if (identity.expiresAt() != null && identity.expiresAt().isBefore(until)) {
            until = identity.expiresAt();
        }
        entries.put(sha256, new Entry(identity, until));
    }

    void evict(long tokenId) {
        entries.values().removeIf(e -> e.identity().tokenId() == tokenId);
    }
}
