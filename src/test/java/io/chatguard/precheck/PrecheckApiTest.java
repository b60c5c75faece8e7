package io.chatguard.precheck;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The public pre-send contract over real HTTP, on the shipped rules and the real database. */
@QuarkusTest
class PrecheckApiTest {

    @Inject
    SecurityFixtures fixtures;

    @TestHTTPResource("/api/v1/precheck")
    URI precheckUri;

    private JsonPath precheck(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/precheck")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();
    }

    @Test
    void blocksAnEvasiveViolationAndPointsAtWhatWasTyped() {
        String text = "姐，这款产品保 本的，年化稳 赚5个点";
        JsonPath r = precheck(fixtures.token(Roles.ADVISOR), Map.of("text", text, "sender", "zhangwei",
                "receivers", List.of("wmClient01"), "roomId", ""));

        assertThat(r.getString("decision")).isEqualTo("BLOCK");
        assertThat(r.getString("rulesVersion")).matches("r-[0-9a-f]{12}");
        assertThat(r.getLong("tookMicros")).isNotNegative();
        List<Map<String, Object>> hits = r.getList("hits");
        assertThat(hits).extracting(h -> h.get("category")).contains("guarantee_return");
        Map<String, Object> hit = hits.stream().filter(h -> "保本".equals(h.get("matched"))).findFirst().orElseThrow();
        int start = (int) hit.get("start");
        int end = (int) hit.get("end");
        assertThat(text.substring(start, end)).isEqualTo("保 本").isEqualTo(hit.get("original"));
        assertThat(hit).containsKeys("ruleId", "severity", "action", "description");
        assertThat(hit.get("action")).isEqualTo("BLOCK");
    }

    @Test
    void warnsOnAStockTipAndPassesACompliantDisclosure() {
        String token = fixtures.token(Roles.ADVISOR);
        assertThat(precheck(token, Map.of("text", "明天这只必涨，开盘就买")).getString("decision")).isEqualTo("WARN");
        JsonPath pass = precheck(token, Map.of("text", "本产品不保本，过往业绩不代表未来表现"));
        assertThat(pass.getString("decision")).isEqualTo("PASS");
        assertThat(pass.getList("hits")).isEmpty();
    }

    @Test
    void everyBlockAndWarnIsPersistedWithWhoTextHitsAndVersionButPassIsNot() {
        String token = fixtures.token(Roles.ADVISOR);
        String blocked = "把交易密码发我，我帮您操作 " + System.nanoTime();
        String warned = "明天这只必涨，开盘就买 " + System.nanoTime();
        String passed = "好的，下午三点给您回电话 " + System.nanoTime();
        String version = precheck(token, Map.of("text", blocked, "sender", "lisi", "receivers", List.of("wmA", "wmB"),
                "roomId", "wr123")).getString("rulesVersion");
        precheck(token, Map.of("text", warned));
        precheck(token, Map.of("text", passed));

        JsonPath mine = given().auth().oauth2(token).when().get("/api/v1/precheck-decisions")
                .then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("text", String.class)).containsExactly(warned, blocked);
        assertThat(mine.getList("decision", String.class)).containsExactly("WARN", "BLOCK");
        assertThat(mine.getString("[1].sender")).isEqualTo("lisi");
        assertThat(mine.getList("[1].receivers", String.class)).containsExactly("wmA", "wmB");
        assertThat(mine.getString("[1].roomId")).isEqualTo("wr123");
        assertThat(mine.getString("[1].rulesVersion")).isEqualTo(version);
        assertThat(mine.getList("[1].hits.category", String.class)).contains("discretionary_trading");
    }

    @Inject
    PrecheckDecisionRepository decisions;

    @Test
    void concurrentBlocksShareCommitsButEachIsStoredBeforeItsAnswer() throws Exception {
        String token = fixtures.token(Roles.ADVISOR);
        String marker = "并发" + System.nanoTime() + " ";
        int requests = 48;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < requests; i++) {
                String text = marker + i + " 把交易密码发我，我帮您操作";
                answers.add(pool.submit(() -> {
                    String decision = precheck(token, Map.of("text", text)).getString("decision");
                    // Answered means committed: the row is visible the moment the answer arrives.
                    long stored = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                            .call(() -> decisions.count("text", text));
                    return decision + ":" + stored;
                }));
            }
            for (var answer : answers) {
                assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("BLOCK:1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> decisions.count("text like ?1", marker + "%"))).isEqualTo(requests);
    }

    @Test
    void draftsWhileTypingAreKeptApartFromSendAttempts() {
        String token = fixtures.token(Roles.ADVISOR);
        String draft = "保本保收益 " + System.nanoTime();
        String sent = "稳赚不赔 " + System.nanoTime();
        precheck(token, Map.of("text", draft, "stage", "typing"));
        precheck(token, Map.of("text", sent));

        assertThat(given().auth().oauth2(token).when().get("/api/v1/precheck-decisions?stage=send")
                .then().statusCode(200).extract().jsonPath().getList("text", String.class)).containsExactly(sent);
        JsonPath all = given().auth().oauth2(token).when().get("/api/v1/precheck-decisions")
                .then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("stage", String.class)).containsExactly("send", "typing");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "保本", "stage", "draft"))
                .when().post("/api/v1/precheck")
                .then().statusCode(400).body("detail", equalTo("stage: must be typing or send"));
    }

    @Test
    void missingEmptyOrBlankTextIs400WithAReason() {
        String token = fixtures.token(Roles.ADVISOR);
        for (String body : List.of("{}", "{\"text\":\"\"}", "{\"text\":\"   \"}", "{\"text\":null}")) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/precheck")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:chatguard:problem:validation-failed"))
                    .body("detail", startsWith("text: is required"));
        }
    }

    @Test
    void textOverTheLimitIs400AndNothingIsStored() {
        String token = fixtures.token(Roles.ADVISOR);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", "保本".repeat(5_001)))
                .when().post("/api/v1/precheck")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:chatguard:problem:text-too-long"))
                .body("detail", equalTo("text: 10002 chars exceeds the limit of 10000"));
        given().auth().oauth2(token).when().get("/api/v1/precheck-decisions")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anOversizedOrUnsizedBodyIsRefusedBeforeItIsReadAndNothingIsStored() throws Exception {
        String token = fixtures.token(Roles.ADVISOR);
        // ~300 KB of JSON, far past any text the limit allows: refused on its Content-Length alone.
        String oversized = "{\"text\":\"" + "保本保收益".repeat(20_000) + "\"}";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> tooLarge = client.send(HttpRequest.newBuilder(precheckUri)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(oversized)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(tooLarge.body()).contains("urn:chatguard:problem:body-too-large")
                .contains("exceeds the limit of 262144 bytes").contains("\"instance\":\"/api/v1/precheck\"");
        HttpResponse<String> slashed = client.send(HttpRequest.newBuilder(URI.create(precheckUri + "/"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(oversized)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slashed.statusCode()).isEqualTo(413);
        // A streamed body without a length could be any size: 411, and the client can resend it sized.
        byte[] small = "{\"text\":\"保本保收益\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> unsized = client.send(HttpRequest.newBuilder(precheckUri)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsized.statusCode()).isEqualTo(411);
        assertThat(unsized.body()).contains("urn:chatguard:problem:length-required");
        given().auth().oauth2(token).when().get("/api/v1/precheck-decisions")
                .then().statusCode(200).body("size()", equalTo(0));
        // The same text with its length is checked as usual.
        assertThat(precheck(token, Map.of("text", "保本保收益")).getString("decision")).isEqualTo("BLOCK");
    }

    @Test
    void aNulCharacterAnywhereIs400AndNothingIsStored() {
        String token = fixtures.token(Roles.ADVISOR);
        // PostgreSQL text cannot hold U+0000: such a decision could never be recorded, so it is refused
        // before checking rather than failing the commit it would share with other advisors' decisions.
        List<Map<String, Object>> bodies = List.of(Map.of("text", "保本\u0000保收益"),
                Map.of("text", "保本保收益", "sender", "zhang\u0000san"),
                Map.of("text", "保本保收益", "receivers", List.of("wmA", "wm\u0000B")),
                Map.of("text", "保本保收益", "roomId", "\u0000"));
        for (Map<String, Object> body : bodies) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/precheck")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:chatguard:problem:validation-failed"))
                    .body("detail", org.hamcrest.Matchers.endsWith(": must not contain the NUL character (U+0000)"));
        }
        given().auth().oauth2(token).when().get("/api/v1/precheck-decisions")
                .then().statusCode(200).body("size()", equalTo(0));
        // Other control characters are ordinary text and are checked and stored as typed.
        String tabbed = "保本\t保收益\u0001";
        assertThat(precheck(token, Map.of("text", tabbed)).getString("decision")).isEqualTo("BLOCK");
        given().auth().oauth2(token).when().get("/api/v1/precheck-decisions")
                .then().statusCode(200).body("[0].text", equalTo(tabbed));
    }

    @Test
    void malformedJsonAndWrongTypesAre400() {
        String token = fixtures.token(Roles.ADVISOR);
        for (String body : List.of("{\"text\":", "not json", "{\"text\":\"保本\",\"receivers\":\"wmA\"}", "[1,2]")) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/precheck")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", startsWith("urn:chatguard:problem:"));
        }
    }

    @Test
    void anonymousIs401AndOtherRolesAre403() {
        given().contentType(ContentType.JSON).body(Map.of("text", "保本"))
                .when().post("/api/v1/precheck")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:chatguard:problem:unauthorized"));
        for (String role : List.of(Roles.OFFICER, Roles.REGULATOR, Roles.ADMIN)) {
            given().auth().oauth2(fixtures.token(role)).contentType(ContentType.JSON).body(Map.of("text", "保本"))
                    .when().post("/api/v1/precheck")
                    .then().statusCode(403).body("type", equalTo("urn:chatguard:problem:forbidden"));
        }
    }
}
