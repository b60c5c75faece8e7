package io.chatguard.precheck;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.platform.error.Problem;
import io.chatguard.platform.error.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses oversized pre-send requests before their body is read: the precheck endpoint runs on the
 * event loop and reads its body whole, and the service-wide body limit is sized for archive imports
 * (64 MB), not for one chat message. Without a Content-Length the size is unknown up front: 411.
 */
@ApplicationScoped
class PrecheckBodyLimit {
    static final String PATH = "/api/v1/precheck";
    /** Right after Quarkus's own body limit, before authentication and the REST handler. */
    private static final int ORDER = -1;

    private final PrecheckConfig config;
    private final ObjectMapper json;

    PrecheckBodyLimit(PrecheckConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        // With or without the trailing slash the REST layer also accepts.
        router.postWithRegex(PATH + "/?").order(ORDER).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            refuse(ctx, ProblemType.LENGTH_REQUIRED, "send the request with a Content-Length header");
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            refuse(ctx, ProblemType.BAD_REQUEST, "Content-Length is not a number");
            return;
        }
        if (bytes > config.maxBodyBytes()) {
            refuse(ctx, ProblemType.BODY_TOO_LARGE,
                    "request body of " + bytes + " bytes exceeds the limit of " + config.maxBodyBytes() + " bytes");
            return;
        }
        ctx.next();
    }

    private void refuse(RoutingContext ctx, ProblemType type, String detail) {
        String body;
        try {
            body = json.writeValueAsString(Problem.of(type, detail, ctx.normalizedPath(), null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var response = ctx.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            // HTTP/1.1 would have to drain the unread body first: the connection ends after this answer
            // (HTTP/2 resets just the stream).
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(body);
    }
}
