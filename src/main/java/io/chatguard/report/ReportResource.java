package io.chatguard.report;

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

import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** Lists reports: all of them for officers, the shared ones for regulators. */
@Path("/api/v1/reports")
@RolesAllowed({Roles.OFFICER, Roles.REGULATOR})
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {
    private final ReportService reports;
    private final CurrentUser user;

    ReportResource(ReportService reports, CurrentUser user) {
        this.reports = reports;
        this.user = user;
    }

    @GET
    public List<ReportView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return reports.visibleTo(user, page, size);
    }
}
