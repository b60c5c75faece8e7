package io.chatguard.platform.error;

/**
 * Stable problem identifiers returned in the {@code type} member of problem+json bodies.
 *
 * <p>Clients switch on {@link #uri()}, never on the human-readable text.
 */
public enum ProblemType {
    BAD_REQUEST(400, "Bad request"),
    VALIDATION_FAILED(400, "Validation failed"),
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    MESSAGE_NOT_FOUND(404, "Message not found"),
    ALERT_NOT_FOUND(404, "Alert not found"),
    TOKEN_NOT_FOUND(404, "API token not found"),
    OBJECT_NOT_FOUND(404, "Stored object not found"),
    OBJECT_CONFLICT(409, "Stored object already exists with other content"),
    CONFLICT(409, "Conflict"),
    ALERT_STATE_CONFLICT(409, "Action not allowed in the alert's state"),
    RULE_INVALID(422, "Rule set rejected"),
    TEXT_TOO_LONG(400, "Text too long"),
    LENGTH_REQUIRED(411, "Content-Length required"),
    BODY_TOO_LARGE(413, "Request body too large"),
    SEARCH_QUERY_INVALID(400, "Invalid search query"),
    DOWNLOAD_EXPIRED(410, "Download expired"),
    STORAGE_UNAVAILABLE(503, "Object storage unavailable"),
    DECISION_NOT_RECORDED(503, "Decision not recorded"),
    UPSTREAM_FAILED(502, "Upstream service failed"),
    INTERNAL(500, "Internal error");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The URN clients match on, such as {@code urn:chatguard:problem:message-not-found}. */
    public String uri() {
        return "urn:chatguard:problem:" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
