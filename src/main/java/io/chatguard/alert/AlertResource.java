package io.chatguard.alert;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.chatguard.alert.AlertViews.AlertDetail;
import io.chatguard.alert.AlertViews.AlertPage;
import io.chatguard.alert.AlertViews.AlertStats;
import io.chatguard.alert.AlertViews.BulkOutcome;
import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** The compliance officers' review queue. */
@Path("/api/v1/alerts")
@RolesAllowed(Roles.OFFICER)
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
    private final AlertService alerts;
    private final CurrentUser user;

    AlertResource(AlertService alerts, CurrentUser user) {
        this.alerts = alerts;
        this.user = user;
    }

    /** {@code from}/{@code to}: message time as ISO-8601 instants ({@code 2026-11-01T00:00:00Z}). */
    @GET
    public AlertPage list(
            @QueryParam("kind") @Pattern(regexp = "rule_hit|seq_gap|recall|sample",
                    message = "must be rule_hit, seq_gap, recall or sample") String kind,
            @QueryParam("status") @Pattern(regexp = "open|claimed|escalated|closed",
                    message = "must be open, claimed, escalated or closed") String status,
            @QueryParam("severity") @Pattern(regexp = "low|medium|high|critical",
                    message = "must be low, medium, high or critical") String severity,
            @QueryParam("category") String category, @QueryParam("employee") String employee,
            @QueryParam("assignee") String assignee, @QueryParam("rule") String ruleId,
            @QueryParam("conversation") Long conversationId, @QueryParam("from") Instant from,
            @QueryParam("to") Instant to,
            @QueryParam("sort") @DefaultValue("due") @Pattern(regexp = "due|newest", message = "must be due or newest") String sort,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return alerts.list(new AlertFilter(kind, status, severity, category, employee, assignee, ruleId, conversationId, from,
                to, sort, page, size));
    }

    /** {@code context}: messages of the conversation shown on each side of the alert's message. */
    /** Alerts raised in {@code [from, to)} (default: the last 30 days) counted for the dashboard. */
    @GET
    @Path("/stats")
    public AlertStats stats(@QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        return alerts.stats(from, to);
    }

    @GET
    @Path("/{id}")
    public AlertDetail get(@PathParam("id") long id,
            @QueryParam("context") @DefaultValue("5") @Min(0) @Max(50) int context) {
        return alerts.open(id, context, user.name());
    }

    /** The same action on a selection; each alert succeeds or fails on its own. */
    @POST
    @Path("/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<BulkOutcome> actOnEach(@Valid @NotNull(message = "a JSON body is required") BulkActionRequest request) {
        return alerts.actOnEach(request.ids(), request.single(), user.name());
    }

    @POST
    @Path("/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    public AlertDetail act(@PathParam("id") long id, @Valid @NotNull(message = "a JSON body is required") AlertActionRequest request) {
        return alerts.act(id, request, user.name());
    }
}
