package io.chatguard.precheck.wecom;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;

/**
 * Calls WeCom: {@code gettoken} with the corp id and customer-contact secret, then
 * {@code externalcontact/add_intercept_rule} once per payload. Thread-safe; the secret and token never
 * appear in logs or errors.
 */
final class WecomInterceptClient {
    private final HttpClient http;
    private final ObjectMapper json;
    private final String apiBase;
    private final Duration timeout;

    WecomInterceptClient(String apiBase, Duration timeout, ObjectMapper json) {
        this.apiBase = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Creates every rule; returns WeCom's rule ids in payload order. Stops at the first refusal. */
    List<String> addRules(String corpId, String secret, List<InterceptRulePayload> rules) {
        JsonNode token = call(HttpRequest.newBuilder(URI.create(apiBase + "/cgi-bin/gettoken?corpid="
                + enc(corpId) + "&corpsecret=" + enc(secret))).GET(), "gettoken");
        String accessToken = token.path("access_token").asText();
        var ids = new ArrayList<String>();
        for (InterceptRulePayload rule : rules) {
            try {
                JsonNode created = call(HttpRequest.newBuilder(URI.create(apiBase
                        + "/cgi-bin/externalcontact/add_intercept_rule?access_token=" + enc(accessToken)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(rule))), "add_intercept_rule");
                ids.add(created.path("rule_id").asText());
            } catch (IOException e) {
                throw new IllegalStateException("payload not serialisable", e);
            }
        }
        return ids;
    }

    private JsonNode call(HttpRequest.Builder request, String api) {
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = json.readTree(response.body());
            int errcode = body.path("errcode").asInt(-1);
            if (response.statusCode() != 200 || errcode != 0) {
                throw new ChatGuardException(ProblemType.UPSTREAM_FAILED, "WeCom " + api + " refused: errcode "
                        + errcode + " " + body.path("errmsg").asText("HTTP " + response.statusCode()));
            }
            return body;
        } catch (IOException e) {
            throw new ChatGuardException(ProblemType.UPSTREAM_FAILED, "WeCom " + api + " unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatGuardException(ProblemType.UPSTREAM_FAILED, "interrupted while calling WeCom " + api);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
