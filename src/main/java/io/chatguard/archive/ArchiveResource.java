package io.chatguard.archive;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** Migration of decrypted messages from other archives. */
@Path("/api/v1/archive")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ArchiveResource {
    private final ArchiveImportService imports;
    private final CurrentUser user;

    ArchiveResource(ArchiveImportService imports, CurrentUser user) {
        this.imports = imports;
        this.user = user;
    }

    /** JSON Lines of decrypted WeCom messages, in the documented shape, one per line. */
    @POST
    @Path("/import")
    @Consumes({"application/x-ndjson", "application/jsonl", "application/json", MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_OCTET_STREAM})
    public ImportResult importLines(byte[] body) {
        return imports.importLines(body, user.name());
    }
}
