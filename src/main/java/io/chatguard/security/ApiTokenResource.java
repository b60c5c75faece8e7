package io.chatguard.security;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

/** Administers bearer tokens for machine clients (advisor sidebars, integrations). */
@Path("/api/v1/api-tokens")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ApiTokenResource {
    private final ApiTokenService tokens;
    private final CurrentUser user;

    ApiTokenResource(ApiTokenService tokens, CurrentUser user) {
        this.tokens = tokens;
        this.user = user;
    }

    @GET
    public List<ApiTokenView> list() {
        return tokens.list();
    }

    /** Issues a token; the response is the only place its value ever appears. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    public IssuedToken issue(@Valid @NotNull CreateApiTokenRequest request) {
        return tokens.issue(request, user.name());
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public void revoke(@PathParam("id") long id) {
        tokens.revoke(id, user.name());
    }
}
