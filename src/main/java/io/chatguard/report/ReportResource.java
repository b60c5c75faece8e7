package io.chatguard.report;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** Reports: officers create, share and download them; regulators list and download those shared with them. */
@Path("/api/v1/reports")
@RolesAllowed({Roles.OFFICER, Roles.REGULATOR})
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {
    private final ReportService reports;
    private final PackageSigner signer;
    private final CurrentUser user;

    ReportResource(ReportService reports, PackageSigner signer, CurrentUser user) {
        this.reports = reports;
        this.signer = signer;
        this.user = user;
    }

    @GET
    public List<ReportView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return reports.visibleTo(user, page, size);
    }

    /** Creates a report over a period and exports it in the background; poll it for progress. */
    @POST
    @RolesAllowed(Roles.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    public ReportView create(@Valid @NotNull(message = "a JSON body is required") CreateReportRequest request) {
        return reports.create(request, user.name());
    }

    @GET
    @Path("/{id}")
    public ReportView get(@PathParam("id") long id) {
        return reports.get(id, user);
    }

    public record ShareRequest(String regulator) {
    }

    @POST
    @Path("/{id}/shares")
    @RolesAllowed(Roles.OFFICER)
    @Consumes(MediaType.APPLICATION_JSON)
    public ReportView share(@PathParam("id") long id, ShareRequest request) {
        return reports.share(id, request == null ? null : request.regulator(), user.name());
    }

    /** One file of an exported report: report.pdf, report.xlsx, alerts.csv, summary.csv or package.zip. */
    @GET
    @Path("/{id}/files/{name}")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("id") long id, @PathParam("name") String name) {
        ReportService.Download d = reports.download(id, name, user);
        return Response.ok(d.content(), d.contentType())
                .header("Content-Disposition", "attachment; filename=\"report-" + id + "-" + name + "\"")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** The key that signs evidence packages: compare its fingerprint with what the verifier prints. */
    @GET
    @Path("/signing-key")
    @RolesAllowed({Roles.OFFICER, Roles.REGULATOR, Roles.ADMIN})
    public Map<String, String> signingKey() {
        return Map.of("algorithm", "Ed25519", "publicKey", signer.publicKeyBase64(), "fingerprint", signer.fingerprint());
    }
}
