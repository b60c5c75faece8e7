package io.chatguard.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a bearer token into a {@link SecurityIdentity} with the token's principal and roles. */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {
    /** Identity attribute naming how the caller authenticated. */
    public static final String AUTH_METHOD = "chatguard.auth-method";

    private final ApiTokenService tokens;
    private final ApiTokenCache cache;
    private final java.time.Clock clock;

    ApiTokenIdentityProvider(ApiTokenService tokens, ApiTokenCache cache, java.time.Clock clock) {
        this.tokens = tokens;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String presented = request.getToken().getToken();
        String sha256 = presented == null ? "" : io.chatguard.platform.storage.Sha256.hex(presented);
        var cached = cache.get(sha256, clock.instant());
        if (cached.isPresent()) {
            // A recent database check vouches for it: no blocking hop, no query.
            return Uni.createFrom().item(identity(request, cached.get()));
        }
        return context.runBlocking(() -> tokens.authenticate(presented)
                .map(identity -> {
                    cache.put(sha256, identity, clock.instant());
                    return identity(request, identity);
                })
                .orElseThrow(() -> new AuthenticationFailedException("unknown, expired or revoked API token")));
    }

    private static SecurityIdentity identity(TokenAuthenticationRequest request, ApiTokenService.TokenIdentity identity) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(identity.principal()))
                .addRoles(identity.roles())
                .addCredential(request.getToken())
                .addAttribute(AUTH_METHOD, "token")
                .addAttribute("chatguard.token-id", identity.tokenId())
                .build();
    }
}
