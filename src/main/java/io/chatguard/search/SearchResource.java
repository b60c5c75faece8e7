package io.chatguard.search;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** Search of the archive, for compliance officers. */
@Path("/api/v1/search")
@RolesAllowed(Roles.OFFICER)
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {
    private final SearchService search;
    private final CurrentUser user;

    SearchResource(SearchService search, CurrentUser user) {
        this.search = search;
        this.user = user;
    }

    @GET
    public SearchResult search(@QueryParam("q") String q, @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @QueryParam("sender") String sender, @QueryParam("receiver") String receiver, @QueryParam("room") String room,
            @QueryParam("msgtype") String msgtype,
            @QueryParam("category") @Pattern(regexp = "[a-z][a-z0-9_]{0,63}", message = "must be a category id such as guarantee_return") String category,
            @QueryParam("alertStatus") @Pattern(regexp = "open|claimed|escalated|closed", message = "must be open, claimed, escalated or closed") String alertStatus,
            @QueryParam("sort") @DefaultValue("time") @Pattern(regexp = "time|relevance", message = "must be time or relevance") String sort,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return search.search(new SearchRequest(q, from, to, sender, receiver, room, msgtype, category, alertStatus,
                sort, page, size), user.name());
    }
}
