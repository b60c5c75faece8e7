package io.chatguard.evidence;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** The evidence ledger's head, its verification, legal holds and disposal. */
@Path("/api/v1/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EvidenceResource {
    private final EvidenceLedger ledger;
    private final LedgerVerifier verifier;
    private final EvidenceRetention retention;
    private final CurrentUser user;

    EvidenceResource(EvidenceLedger ledger, LedgerVerifier verifier, EvidenceRetention retention, CurrentUser user) {
        this.ledger = ledger;
        this.verifier = verifier;
        this.retention = retention;
        this.user = user;
    }

    /** The chain head: what a regulator compares with an anchor or a package's chainHead. */
    @GET
    @Path("/ledger/head")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN, Roles.REGULATOR})
    public EvidenceLedger.Head head() {
        return ledger.head();
    }

    /**
     * A verification request: from ledger entry {@code fromSeq} (default: the first), reading back and hashing
     * {@code objectPercent} % of the evidence objects (default: configured).
     */
    public record VerifyRequest(@Min(1) Long fromSeq, @Min(0) @Max(100) Integer objectPercent) {
    }

    @POST
    @Path("/verifications")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    public VerificationView verify(VerifyRequest request) {
        return verifier.start(request == null ? null : request.fromSeq(), request == null ? null : request.objectPercent(),
                user.name());
    }

    @GET
    @Path("/verifications")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    public List<VerificationView> verifications() {
        return verifier.recent(20);
    }

    @GET
    @Path("/verifications/{id}")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    public VerificationView verification(@PathParam("id") long id) {
        return verifier.get(id);
    }

    /** A legal hold on one object ({@code objectKey}) or on every object of one message ({@code msgid}). */
    public record HoldRequest(String objectKey, String msgid, String reason) {
    }

    @POST
    @Path("/holds")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    public List<LegalHoldView> hold(HoldRequest request) {
        if (request == null || (request.objectKey() == null) == (request.msgid() == null)) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "objectKey or msgid: give exactly one");
        }
        return request.msgid() != null ? retention.holdMessage(request.msgid(), request.reason(), user.name())
                : List.of(retention.hold(request.objectKey(), request.reason(), user.name()));
    }

    /** Active holds, or the holds (active and released) of one object. */
    @GET
    @Path("/holds")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    public List<LegalHoldView> holds(@QueryParam("objectKey") String objectKey) {
        return retention.holds(objectKey);
    }

    public record ReleaseRequest(String note) {
    }

    @POST
    @Path("/holds/{id}/release")
    @RolesAllowed({Roles.OFFICER, Roles.ADMIN})
    public LegalHoldView release(@PathParam("id") long id, ReleaseRequest request) {
        return retention.release(id, request == null ? null : request.note(), user.name());
    }

    /** Deletes an object whose retention has passed and that no legal hold covers; 409 otherwise. */
    @DELETE
    @Path("/objects")
    @RolesAllowed(Roles.ADMIN)
    public void dispose(@QueryParam("key") String key, @QueryParam("reason") String reason) {
        retention.dispose(key, reason, user.name());
    }
}
