package io.chatguard.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

/** The authenticated caller of the current request. */
@RequestScoped
public class CurrentUser {
    private final SecurityIdentity identity;

    CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Username for people, token principal for machine clients. */
    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return Set.copyOf(identity.getRoles());
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** {@code token} for bearer tokens, {@code session} for the UI's form login. */
    public String authMethod() {
        Object method = identity.getAttribute(ApiTokenIdentityProvider.AUTH_METHOD);
        return method == null ? "session" : method.toString();
    }
}
