package io.chatguard.precheck;

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

/** An advisor client's own intercepted attempts, so the sidebar can show its history. */
@Path("/api/v1/precheck-decisions")
@RolesAllowed(Roles.ADVISOR)
@Produces(MediaType.APPLICATION_JSON)
public class PrecheckDecisionResource {
    private final PrecheckService precheck;
    private final CurrentUser user;

    PrecheckDecisionResource(PrecheckService precheck, CurrentUser user) {
        this.precheck = precheck;
        this.user = user;
    }

    /** {@code stage}: {@code send}, {@code typing}, or omitted for both. */
    @GET
    public List<PrecheckDecisionView> mine(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit,
            @QueryParam("stage") @jakarta.validation.constraints.Pattern(regexp = "typing|send",
                    message = "must be typing or send") String stage) {
        return precheck.recentDecisions(user.name(), stage, limit);
    }
}
