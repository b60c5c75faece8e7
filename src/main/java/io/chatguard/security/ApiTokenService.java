package io.chatguard.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import jakarta.validation.Valid;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.platform.storage.Sha256;

/**
 * Issues, lists, revokes and checks bearer tokens for machine clients. Tokens carry 256 random
 * bits, so a plain SHA-256 of the token is a safe lookup key (no slow hash needed).
 */
@ApplicationScoped
@Transactional
public class ApiTokenService {
    static final String TOKEN_PREFIX = "cgt_";
    private static final int PREFIX_SHOWN = 10;

    private final ApiTokenRepository tokens;
    private final AccessAudit audit;
    private final Clock clock;
    private final ApiTokenCache cache;
    private final SecureRandom random = new SecureRandom();

    ApiTokenService(ApiTokenRepository tokens, AccessAudit audit, Clock clock, ApiTokenCache cache) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.cache = cache;
    }

    /** Issues a new random token. The returned secret is not stored and cannot be shown again. */
    public IssuedToken issue(@Valid CreateApiTokenRequest request, String issuedBy) {
        Set<String> roles = parseRoles(request.roles());
        if (request.expiresAt() != null && !request.expiresAt().isAfter(clock.instant())) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "expiresAt: must be in the future");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String value = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiToken token = store(request.name(), value, request.principal(), roles, request.expiresAt(), issuedBy);
        audit.record(issuedBy, "api_token.create", "api_token", String.valueOf(token.id),
                Map.of("name", token.name, "principal", token.principal, "roles", token.roles));
        return new IssuedToken(value, ApiTokenView.of(token));
    }

    /** Stores a token with a value chosen by configuration (demo seeding); no-op when it exists. */
    void ensureConfigured(String name, String value, String principal, Set<String> roles) {
        if (tokens.findBySha256(Sha256.hex(value)).isEmpty()) {
            store(name, value, principal, roles, null, "system");
        }
    }

    public void revoke(long id, String revokedBy) {
        ApiToken token = tokens.findByIdOptional(id)
                .orElseThrow(() -> new ChatGuardException(ProblemType.TOKEN_NOT_FOUND, "no API token " + id));
        token.revoke(revokedBy, clock.instant());
        cache.evict(id);
        audit.record(revokedBy, "api_token.revoke", "api_token", String.valueOf(id), Map.of());
    }

    @Transactional(TxType.SUPPORTS)
    public List<ApiTokenView> list() {
        return tokens.listNewestFirst().stream().map(ApiTokenView::of).toList();
    }

    /** Resolves a presented bearer token to the identity it grants, if it is known and usable. */
    @ActivateRequestContext
    Optional<TokenIdentity> authenticate(String presented) {
        if (presented == null || presented.isBlank() || presented.length() > 512) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findBySha256(Sha256.hex(presented))
                .filter(token -> token.isUsableAt(now))
                .map(token -> {
                    token.markUsed(now);
                    return new TokenIdentity(token.id, token.principal, Roles.parse(token.roles), token.expiresAt);
                });
    }

    private ApiToken store(String name, String value, String principal, Set<String> roles, Instant expiresAt,
            String createdBy) {
        var token = new ApiToken();
        token.name = name;
        token.tokenSha256 = Sha256.hex(value);
        token.tokenPrefix = value.substring(0, Math.min(PREFIX_SHOWN, value.length()));
        token.principal = principal;
        token.roles = Roles.format(roles);
        token.createdAt = clock.instant();
        token.createdBy = createdBy;
        token.expiresAt = expiresAt;
        tokens.persist(token);
        return token;
    }

    private static Set<String> parseRoles(Set<String> requested) {
        try {
            return Roles.parse(String.join(",", requested));
        } catch (IllegalArgumentException e) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED,
                    "roles: " + e.getMessage() + " (allowed: " + String.join(", ", new java.util.TreeSet<>(Roles.ALL)) + ")");
        }
    }

    /** What a valid token grants, and until when (null: no expiry). */
    record TokenIdentity(long tokenId, String principal, Set<String> roles, Instant expiresAt) {
    }
}
