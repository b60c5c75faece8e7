package io.chatguard.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Creates users and tokens with unique names, so tests never share accounts. */
@ApplicationScoped
public class SecurityFixtures {
    public static final String PASSWORD = "correct horse battery staple";

    private final AppUserRepository users;
    private final ApiTokenService tokens;
    private final ApiTokenRepository tokenRows;
    private final Clock clock;

    SecurityFixtures(AppUserRepository users, ApiTokenService tokens, ApiTokenRepository tokenRows, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.tokenRows = tokenRows;
        this.clock = clock;
    }

    /** A new user with {@link #PASSWORD}; returns the username. */
    @Transactional
    public String user(String... roles) {
        String username = "u-" + String.join("-", roles) + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.persist(AppUser.create(username, PASSWORD, Set.of(roles), "测试用户", clock.instant()));
        return username;
    }

    /** A new bearer token granting {@code roles}; returns the token value. */
    public String token(String... roles) {
        String principal = "t-" + UUID.randomUUID().toString().substring(0, 8);
        return tokens.issue(new CreateApiTokenRequest("test token", principal, Set.of(roles), null), "test").token();
    }

    /** A new bearer token for the named principal, granting {@code roles}; returns the token value. */
    public String tokenAs(String principal, String... roles) {
        return tokens.issue(new CreateApiTokenRequest("test token", principal, Set.of(roles), null), "test").token();
    }

    /** A token that expired a moment ago. */
    @Transactional
    public String expiredToken(String role) {
        String value = token(role);
        tokenRows.findBySha256(io.chatguard.platform.storage.Sha256.hex(value)).orElseThrow().expiresAt =
                Instant.now().minusSeconds(1);
        return value;
    }
}
