package io.chatguard.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.chatguard.security.AccessAudit;
import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** Rebuilding the search index from PostgreSQL, for admins. */
@Path("/api/v1/search/reindex")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class SearchIndexResource {
    private final MessageIndexer indexer;
    private final CurrentUser user;
    private final AccessAudit audit;

    SearchIndexResource(MessageIndexer indexer, CurrentUser user, AccessAudit audit) {
        this.indexer = indexer;
        this.user = user;
        this.audit = audit;
    }

    /** Empties the index and rebuilds it from PostgreSQL in the background; 409 while a rebuild runs. */
    @POST
    public ReindexView reindex() {
        ReindexView started = indexer.reindex(user.name());
        audit.record(user.name(), "search.reindex", "search-index", "messages", java.util.Map.of("total", started.total()));
        return started;
    }

    /** The last rebuild's progress; 204 when none ran since the service started. */
    @GET
    public ReindexView status() {
        return indexer.rebuildStatus();
    }
}
