package io.chatguard.precheck.wecom;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.chatguard.security.AccessAudit;
import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** WeCom intercept-rule payloads for the hard-block terms, and the push to WeCom. */
@Path("/api/v1/wecom/intercept-rules")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class WecomInterceptResource {
    private final WecomInterceptService intercept;
    private final CurrentUser user;
    private final AccessAudit audit;

    WecomInterceptResource(WecomInterceptService intercept, CurrentUser user, AccessAudit audit) {
        this.intercept = intercept;
        this.user = user;
        this.audit = audit;
    }

    @GET
    public InterceptExport payloads() {
        return intercept.export();
    }

    @POST
    @Path("/sync")
    public WecomInterceptService.SyncResult sync() {
        audit.record(user.name(), "wecom.intercept.sync", "rules", null, Map.of());
        return intercept.sync();
    }
}
