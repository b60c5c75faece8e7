package io.chatguard.security;

import java.time.Instant;
import java.util.Set;

/**
 * An API token as listed to administrators; never contains the token itself.
 *
 * @param id token id
 * @param name what the token is for
 * @param tokenPrefix first characters of the token, to recognise it
 * @param principal identity requests with this token run as
 * @param roles roles granted
 * @param createdAt when it was issued
 * @param createdBy who issued it
 * @param expiresAt when it stops working, or null for never
 * @param revokedAt when it was revoked, or null
 * @param lastUsedAt last successful use (minute resolution), or null
 */
public record ApiTokenView(long id, String name, String tokenPrefix, String principal, Set<String> roles,
        Instant createdAt, String createdBy, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    static ApiTokenView of(ApiToken token) {
        return new ApiTokenView(token.id, token.name, token.tokenPrefix, token.principal,
                Roles.parse(token.roles), token.createdAt, token.createdBy, token.expiresAt, token.revokedAt,
                token.lastUsedAt);
    }
}
