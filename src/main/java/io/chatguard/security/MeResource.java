package io.chatguard.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Tells any signed-in caller who they are; the UI uses it to pick what to show. */
@Path("/api/v1/me")
@RolesAllowed({Roles.ADVISOR, Roles.OFFICER, Roles.REGULATOR, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {
    private final CurrentUser user;

    MeResource(CurrentUser user) {
        this.user = user;
    }

    @GET
    public MeView me() {
        return new MeView(user.name(), user.roles(), user.authMethod());
    }
}
