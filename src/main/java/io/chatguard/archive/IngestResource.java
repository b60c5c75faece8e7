package io.chatguard.archive;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.chatguard.security.AccessAudit;
import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** Ingestion status and manual runs, for operators. */
@Path("/api/v1/ingest")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {
    private final ArchiveIngestService ingest;
    private final IngestRunner runner;
    private final CurrentUser user;
    private final AccessAudit audit;

    IngestResource(ArchiveIngestService ingest, IngestRunner runner, CurrentUser user, AccessAudit audit) {
        this.ingest = ingest;
        this.runner = runner;
        this.user = user;
        this.audit = audit;
    }

    @GET
    @Path("/status")
    public IngestStatus status() {
        return ingest.status();
    }

    /** Starts a pull in the background (also after a fatal stop) and returns the status at once. */
    @POST
    @Path("/run")
    @ResponseStatus(202)
    public IngestStatus run() {
        audit.record(user.name(), "ingest.run", "ingest", null, Map.of());
        runner.startPull();
        return ingest.status();
    }
}
