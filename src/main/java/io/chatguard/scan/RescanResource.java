package io.chatguard.scan;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** Retroactive rescans after a rules change, with their progress and diff. */
@Path("/api/v1/rescans")
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class RescanResource {
    private final RescanService rescans;
    private final CurrentUser user;

    RescanResource(RescanService rescans, CurrentUser user) {
        this.rescans = rescans;
        this.user = user;
    }

    /** Body optional: {@code {"from":"2026-11-01T00:00:00Z","to":"…"}}; without it the whole archive. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RescanView start(RescanRequest request) {
        return rescans.start(request == null ? new RescanRequest(null, null) : request, user.name());
    }

    @GET
    public List<RescanView> recent(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit) {
        return rescans.recent(limit);
    }

    @GET
    @Path("/{id}")
    public RescanView get(@PathParam("id") long id) {
        return rescans.get(id);
    }

    @POST
    @Path("/{id}/cancel")
    public RescanView cancel(@PathParam("id") long id) {
        return rescans.cancel(id, user.name());
    }
}
