package io.chatguard.rules;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.chatguard.rules.engine.RuleInfo;
import io.chatguard.security.AccessAudit;
import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** The rules in force: listing, trying a text, and reloading from disk. */
@Path("/api/v1/rules")
@RolesAllowed({Roles.OFFICER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {
    private final RuleService rules;
    private final RuleEngine engine;
    private final CurrentUser user;
    private final AccessAudit audit;

    RuleResource(RuleService rules, RuleEngine engine, CurrentUser user, AccessAudit audit) {
        this.rules = rules;
        this.engine = engine;
        this.user = user;
        this.audit = audit;
    }

    @GET
    public List<RuleInfo> list() {
        return rules.rules();
    }

    @GET
    @Path("/status")
    public RuleSetStatus status() {
        return rules.status();
    }

    /** Checks a text against the live rules without recording anything about it. */
    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    public RuleVerdict test(@Valid @NotNull(message = "body is required") RuleTestRequest request) {
        return engine.check(request.text());
    }

    /** Reloads the rule files now: 200 with the new status, or 422 naming the file and place at fault. */
    @POST
    @Path("/reload")
    @RolesAllowed(Roles.ADMIN)
    public RuleSetStatus reload() {
        audit.record(user.name(), "rules.reload", "rules", null, Map.of());
        return rules.reload(user.name());
    }
}
