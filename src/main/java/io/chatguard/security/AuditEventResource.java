package io.chatguard.security;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Reads the audit log, newest first. */
@Path("/api/v1/audit-events")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventResource {
    private final AccessAudit audit;

    AuditEventResource(AccessAudit audit) {
        this.audit = audit;
    }

    @GET
    public List<AuditEventView> search(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return audit.search(actor, action, page, size);
    }
}
