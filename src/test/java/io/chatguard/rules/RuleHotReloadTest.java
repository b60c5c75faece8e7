package io.chatguard.rules;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.RulesCopy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Hot reload on a copy of the shipped rules: an edited file takes effect without a restart, a broken
 * one is rejected with its file and place while the previous version keeps checking.
 */
@QuarkusTest
@TestProfile(RuleHotReloadTest.WatchedCopy.class)
class RuleHotReloadTest {
    static final Path DIR = Path.of("target", "hot-reload-rules");

    /** A private copy of rules/ with the watcher on. */
    public static class WatchedCopy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RulesCopy.into(DIR);
            return Map.of("chatguard.rules.dir", DIR.toString(), "chatguard.rules.reload.every", "1s");
        }
    }

    @Inject
    SecurityFixtures fixtures;

    private String decide(String token, String text) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/api/v1/precheck").then().statusCode(200).extract().path("decision");
    }

    @Test
    void editedRuleFileTakesEffectAndBrokenOneIsRejectedWhileOldRulesKeepWorking() throws IOException {
        String advisor = fixtures.token(Roles.ADVISOR);
        String admin = fixtures.token(Roles.ADMIN);
        String newWord = "灵宝神盘";
        assertThat(decide(advisor, "这个" + newWord + "您跟着上")).isEqualTo("PASS");
        String before = given().auth().oauth2(admin).get("/api/v1/rules/status").then().extract().path("version");

        Path file = DIR.resolve("guarantee_return.yaml");
        String original = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, original.replace("保本 | 保本保息", newWord + " | 保本 | 保本保息"), StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(decide(advisor, "这个" + newWord + "您跟着上")).isEqualTo("BLOCK"));
        String edited = given().auth().oauth2(admin).get("/api/v1/rules/status").then().extract().path("version");
        assertThat(edited).isNotEqualTo(before);

        Files.writeString(DIR.resolve("kickback.yaml"), "category: kickback\nrules:\n  - id: broken\n    mustAny: 返佣 NEAR/\n",
                StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(admin)
                .get("/api/v1/rules/status").then().statusCode(200)
                .body("lastError", containsString("kickback.yaml"))
                .body("version", equalTo(edited)));
        assertThat(decide(advisor, "这个" + newWord + "您跟着上")).isEqualTo("BLOCK");
        assertThat(decide(advisor, "返佣按月给您")).as("the old kickback rules still apply").isEqualTo("BLOCK");

        given().auth().oauth2(admin).when().post("/api/v1/rules/reload")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:chatguard:problem:rule-invalid"))
                .body("detail", containsString("kickback.yaml: rules[0] (broken)"));
    }
}
