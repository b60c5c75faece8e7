package io.chatguard.archive;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

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

    /** The message with up to {@code around} (≤ 50) messages of its conversation on each side. */
    @GET
    @Path("/{msgid}/conversation")
    public ConversationView conversation(@PathParam("msgid") @Size(max = 256) String msgid,
            @QueryParam("around") @DefaultValue("10") @Min(0) @Max(50) int around) {
        return archive.conversation(msgid, around, user.name());
    }

    /** A stored media file of the message, as a download. */
    @GET
    @Path("/{msgid}/media/{index}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response media(@PathParam("msgid") @Size(max = 256) String msgid, @PathParam("index") @Min(0) int index) {
        ArchiveService.StoredMedia media = archive.media(msgid, index, user.name());
        StreamingOutput body = out -> {
            try (var in = media.content()) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + msgid.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + index + "-"
                        + media.media().kind().replaceAll("[^a-z0-9_]", "_") + "\"")
                .header("X-Content-SHA256", media.media().sha256())
                .header("X-Content-Type-Options", "nosniff").build();
    }
}
