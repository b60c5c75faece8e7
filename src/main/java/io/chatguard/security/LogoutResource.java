package io.chatguard.security;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;

/** Ends a UI session by expiring the form-login cookie. Anyone may log out. */
@Path("/logout")
@PermitAll
public class LogoutResource {
    private final SecurityIdentity identity;
    private final AccessAudit audit;
    private final SecuritySettings settings;

    LogoutResource(SecurityIdentity identity, AccessAudit audit, SecuritySettings settings) {
        this.identity = identity;
        this.audit = audit;
        this.settings = settings;
    }

    @POST
    public Response logout() {
        if (!identity.isAnonymous()) {
            audit.record(identity.getPrincipal().getName(), "session.logout", null, null, java.util.Map.of());
        }
        var expired = new NewCookie.Builder(settings.sessionCookieName()).path("/").maxAge(0).httpOnly(true).build();
        return Response.seeOther(URI.create("/login.html")).cookie(expired).build();
    }
}
