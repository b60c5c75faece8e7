package io.chatguard.precheck.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.chatguard.platform.error.ChatGuardException;

/** The sync client over real HTTP against a loopback stand-in for WeCom's two endpoints. */
class WecomInterceptClientTest {
    private HttpServer wecom;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String addReply = "{\"errcode\":0,\"errmsg\":\"ok\",\"rule_id\":\"rule-1\"}";

    @BeforeEach
    void start() throws IOException {
        wecom = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        wecom.createContext("/cgi-bin/gettoken", x -> reply(x, "{\"errcode\":0,\"access_token\":\"tok123\",\"expires_in\":7200}"));
        wecom.createContext("/cgi-bin/externalcontact/add_intercept_rule", x -> reply(x, addReply));
        wecom.start();
    }

    private void reply(com.sun.net.httpserver.HttpExchange x, String body) throws IOException {
        requests.add(x.getRequestMethod() + " " + x.getRequestURI() + " "
                + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @AfterEach
    void stop() {
        wecom.stop(0);
    }

    private WecomInterceptClient client() {
        return new WecomInterceptClient("http://127.0.0.1:" + wecom.getAddress().getPort(), Duration.ofSeconds(5),
                new ObjectMapper());
    }

    private static final InterceptRulePayload RULE = new InterceptRulePayload("ChatGuard返佣回扣", List.of("返佣给您"), 1,
            new InterceptRulePayload.Range(List.of(), List.of(1)));

    @Test
    void getsATokenThenPostsEachRuleAsDocumentedJson() {
        assertThat(client().addRules("ww123", "s3cret", List.of(RULE))).containsExactly("rule-1");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).startsWith("GET /cgi-bin/gettoken?corpid=ww123&corpsecret=s3cret");
        assertThat(requests.get(1)).startsWith("POST /cgi-bin/externalcontact/add_intercept_rule?access_token=tok123 ")
                .endsWith("{\"rule_name\":\"ChatGuard返佣回扣\",\"word_list\":[\"返佣给您\"],\"intercept_type\":1,"
                        + "\"applicable_range\":{\"department_list\":[1]}}");
    }

    @Test
    void aWecomRefusalIsAClearErrorWithoutTheSecret() {
        addReply = "{\"errcode\":40058,\"errmsg\":\"invalid word_list\"}";
        assertThatThrownBy(() -> client().addRules("ww123", "s3cret", List.of(RULE)))
                .isInstanceOf(ChatGuardException.class)
                .hasMessage("WeCom add_intercept_rule refused: errcode 40058 invalid word_list")
                .hasMessageNotContaining("s3cret");
    }
}
