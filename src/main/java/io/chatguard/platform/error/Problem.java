package io.chatguard.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details body.
 *
 * @param type stable URN of the problem kind
 * @param title short summary of the kind
 * @param status HTTP status code
 * @param detail what went wrong with this request, safe to show to the caller
 * @param instance the request path
 * @param traceId id to find the server-side log entry
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail, String instance, String traceId) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, traceId);
    }
}
