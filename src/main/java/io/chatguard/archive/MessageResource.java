package io.chatguard.archive;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** Archived messages, for compliance officers. */
@Path("/api/v1/messages")
@RolesAllowed(Roles.OFFICER)
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {
    private final ArchiveService archive;
    private final CurrentUser user;

    MessageResource(ArchiveService archive, CurrentUser user) {
        this.archive = archive;
        this.user = user;
    }

    @GET
    @Path("/{msgid}")
    public MessageView message(@PathParam("msgid") @Size(max = 256) String msgid) {
        return archive.message(msgid, user.name());
    }
}
