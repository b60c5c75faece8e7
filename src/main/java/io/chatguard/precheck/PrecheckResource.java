package io.chatguard.precheck;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Pre-send interception (事前拦截): advisors' clients ask before a message goes out.
 * {@code POST /api/v1/precheck {"text":"…","sender":"…","receivers":["…"],"roomId":""}}.
 */
@Path("/api/v1/precheck")
@RolesAllowed(Roles.ADVISOR)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PrecheckResource {
    private final PrecheckService precheck;
    private final CurrentUser user;

    PrecheckResource(PrecheckService precheck, CurrentUser user) {
        this.precheck = precheck;
        this.user = user;
    }

    /** Runs on the event loop (a {@link Uni}): the body is read there whole, no worker thread is involved. */
    @POST
    public Uni<PrecheckResponse> check(@Valid PrecheckRequest request) {
        return precheck.check(request, user.name());
    }
}
