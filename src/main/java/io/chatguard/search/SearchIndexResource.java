package io.chatguard.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** Rebuilding the search index from PostgreSQL, for admins. */
@Path("/api/v1/search/reindex")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class SearchIndexResource {
    private final MessageIndexer indexer;
    private final CurrentUser user;

    SearchIndexResource(MessageIndexer indexer, CurrentUser user) {
        this.indexer = indexer;
        this.user = user;
    }

    /** Empties the index and rebuilds it from PostgreSQL in the background. */
    @POST
    public ReindexView reindex() {
        return indexer.reindex(user.name());
    }

    /** The last rebuild's progress; 204 when none ran since the service started. */
    @GET
    public ReindexView status() {
        return indexer.rebuildStatus();
    }
}
