package io.chatguard.platform.error;

import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Maps every exception leaving a REST resource to {@code application/problem+json}.
 *
 * <p>Exception class names and stack traces never reach the client: unexpected failures become a
 * generic 500 whose trace id points at the single log entry written here.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String LOGIN_ERROR_PAGE = "/login.html?error=1";

    @ServerExceptionMapper
    public Response domain(ChatGuardException e, UriInfo uri) {
        return respond(e.type(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return respond(ProblemType.VALIDATION_FAILED, detail, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(ProblemType.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage(), uri);
    }

    /** A body of the wrong shape ("receivers":"x", a bare array); Quarkus's own mapper would answer plain JSON. */
    @ServerExceptionMapper
    public Response wrongJsonShape(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return respond(ProblemType.BAD_REQUEST, (field.isEmpty() ? "body" : field) + ": wrong JSON type", uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return challenge(respond(ProblemType.UNAUTHORIZED, "authentication required", uri));
    }

    /**
     * Quarkus routes every authentication failure here, form logins included: API callers get a
     * problem body, people at the login form go back to it with the error shown.
     */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        if (!uri.getPath().startsWith("/api/")) {
            return Response.seeOther(java.net.URI.create(LOGIN_ERROR_PAGE)).build();
        }
        return challenge(respond(ProblemType.UNAUTHORIZED, "invalid credentials", uri));
    }

    private static Response challenge(Response unauthorized) {
        return Response.fromResponse(unauthorized).header("WWW-Authenticate", "Bearer realm=\"chatguard\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemType.FORBIDDEN, "your role does not allow this operation", uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 400 -> ProblemType.BAD_REQUEST;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 409 -> ProblemType.CONFLICT;
            default -> null;
        };
        if (type == null) {
            return status >= 500 ? unexpected(e, uri) : e.getResponse();
        }
        return respond(type, e.getMessage(), uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        String traceId = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error on %s (trace %s)", uri.getPath(), traceId);
        return Response.status(500)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(ProblemType.INTERNAL, "internal error; quote the trace id to support",
                        uri.getPath(), traceId))
                .build();
    }

    private static Response respond(ProblemType type, String detail, UriInfo uri) {
        return Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(type, detail, uri.getPath(), null))
                .build();
    }

    /** The field a violation names: {@code outcomes[0]} for {@code create.request.outcomes[0].<list element>}. */
    private static String lastNode(String fullPath) {
        String path = fullPath.replaceAll("\\.<[^>]+>$", "");
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
