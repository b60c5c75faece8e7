package io.chatguard.security;

import java.time.Instant;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request to issue an API token.
 *
 * @param name what the token is for, such as "sidebar app, Shanghai branch"
 * @param principal identity requests run as (an advisor's WeCom userid, a service name)
 * @param roles roles to grant; each must be one of {@link Roles#ALL}
 * @param expiresAt optional expiry
 */
public record CreateApiTokenRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 128) @Pattern(regexp = "[\\p{L}\\p{N}._@-]+",
                message = "may contain letters, digits and . _ @ - only") String principal,
        @NotEmpty Set<@NotBlank String> roles,
        Instant expiresAt) {
}
