package io.chatguard.scan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.rules.RuleEngine;
import io.chatguard.rules.RuleHit;
import io.chatguard.rules.RuleService;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.TestData;
import io.chatguard.testsupport.RulesCopy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A rules change followed by a rescan, on a private copy of the rules: exactly the new (message, rule)
 * pairs raise alerts, alerts whose rule stopped matching are marked, and a job interrupted after its
 * first batch carries on from its cursor.
 */
@QuarkusTest
@TestProfile(RescanTest.CopiedRules.class)
class RescanTest {
    static final Path DIR = Path.of("target", "rescan-rules");

    /** Its own rules directory, one message per batch so a job has several batches. */
    public static class CopiedRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RulesCopy.into(DIR);
            return Map.of("chatguard.rules.dir", DIR.toString(), "chatguard.scan.batch-size", "1",
                    "chatguard.scan.rescan-batch-size", "1");
        }
    }

    @Inject
    TestData testData;

    @Inject
    ScanService scans;

    @Inject
    RescanService rescans;

    @Inject
    RuleService rules;

    @Inject
    RuleEngine engine;

    @Inject
    SecurityFixtures fixtures;

    @Inject
    javax.sql.DataSource dataSource;

    /** Each finding of a message as "rule found by version, current" or "... retired by version". */
    private List<String> findingRows(long messageId) {
        var out = new java.util.ArrayList<String>();
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select rule_id, rules_version, retired_version from finding where message_id = ? order by id")) {
            ps.setLong(1, messageId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " found by " + rs.getString(2)
                            + (rs.getString(3) == null ? ", current" : ", retired by " + rs.getString(3)));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private JsonPath alerts(String token, String employee) {
        return given().auth().oauth2(token).get("/api/v1/alerts?size=500&employee=" + employee).then().statusCode(200)
                .extract().jsonPath();
    }

    private Set<String> pairs(JsonPath alerts) {
        var out = new HashSet<String>();
        List<Map<String, Object>> items = alerts.getList("items");
        items.forEach(a -> out.add(a.get("messageId") + "/" + a.get("ruleId")));
        return out;
    }

    private List<String> searchByCategory(String employee, String category) {
        return given().auth().oauth2(fixtures.token(Roles.OFFICER)).queryParam("sender", employee)
                .queryParam("category", category).get("/api/v1/search").then().statusCode(200).extract().jsonPath()
                .getList("hits.msgid", String.class);
    }

    @Test
    void aRescanAfterARuleChangeRaisesExactlyTheNewAlertsMarksStaleOnesAndResumesAfterAStop() throws IOException {
        Instant start = Instant.now().minusSeconds(1);
        String employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        var texts = Map.of(
                testData.textMessage(employee, "wmClient", "这个灵宝神盘您跟着上就行"), "这个灵宝神盘您跟着上就行",
                testData.textMessage(employee, "wmClient", "保本保收益，您放心"), "保本保收益，您放心",
                testData.textMessage(employee, "wmClient", "返佣按月给您"), "返佣按月给您");
        scans.sweep();
        String officer = fixtures.token(Roles.OFFICER);
        JsonPath before = alerts(officer, employee);
        Set<String> beforePairs = pairs(before);
        var msgidToId = new java.util.HashMap<String, Long>();
        for (String msgid : texts.keySet()) {
            msgidToId.put(msgid, testData.messageId(msgid));
        }

        // The change: a new promise word, and 返佣 no longer a rebate term on its own.
        Path guarantee = DIR.resolve("guarantee_return.yaml");
        Files.writeString(guarantee, Files.readString(guarantee, StandardCharsets.UTF_8)
                .replace("保本 | 保本保息", "灵宝神盘 | 保本 | 保本保息"), StandardCharsets.UTF_8);
        Path kickback = DIR.resolve("kickback.yaml");
        Files.writeString(kickback, Files.readString(kickback, StandardCharsets.UTF_8)
                .replace("      返佣 | 返点 |", "      返点 |"), StandardCharsets.UTF_8);
        String version = rules.reload("test").version();
        Set<String> afterPairs = new HashSet<>();
        texts.forEach((msgid, text) -> {
            for (RuleHit h : engine.check(text).hits()) {
                afterPairs.add(msgidToId.get(msgid) + "/" + h.ruleId());
            }
        });
        Set<String> expectedNew = new HashSet<>(afterPairs);
        expectedNew.removeAll(beforePairs);
        Set<String> expectedUnmatched = new HashSet<>(beforePairs);
        expectedUnmatched.removeAll(afterPairs);
        long promiseMessage = msgidToId.get(texts.entrySet().stream().filter(e -> e.getValue().contains("灵宝神盘"))
                .findFirst().orElseThrow().getKey());
        assertThat(expectedNew).contains(promiseMessage + "/guarantee_return.principal");
        assertThat(expectedUnmatched).as("the change must take an alert's rule away").isNotEmpty();

        String rebateMsgid = texts.entrySet().stream().filter(e -> e.getValue().startsWith("返佣")).findFirst().orElseThrow()
                .getKey();
        String promiseMsgid = texts.entrySet().stream().filter(e -> e.getValue().contains("灵宝神盘")).findFirst().orElseThrow()
                .getKey();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(searchByCategory(employee, "kickback")).contains(rebateMsgid);
            assertThat(searchByCategory(employee, "guarantee_return")).doesNotContain(promiseMsgid);
        });

        // A job that stops after its first batch (as a killed process would) and is resumed at start-up.
        // Bounded on both sides: other tests and benchmarks may leave messages with other times in this database.
        Instant end = Instant.now().plusSeconds(60);
        RescanView created = rescans.create(new RescanRequest(start, end), "officer-test");
        rescans.runBatches(created.id(), 1);
        assertThat(rescans.get(created.id())).extracting(RescanView::status, RescanView::done)
                .containsExactly("running", 1L);
        rescans.resumeRunning();
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(rescans.get(created.id()).status()));

        RescanView done = rescans.get(created.id());
        // Two messages changed (one gained a promise hit, one lost its rebate hit); 保本保收益 was confirmed as it was.
        assertThat(done).extracting(RescanView::total, RescanView::done, RescanView::changedMessages, RescanView::newAlerts,
                RescanView::unmatchedAlerts, RescanView::rulesVersion)
                .containsExactly(3L, 3L, 2L, (long) expectedNew.size(), (long) expectedUnmatched.size(), version);
        long rebateMessage = msgidToId.get(texts.entrySet().stream().filter(e -> e.getValue().startsWith("返佣"))
                .findFirst().orElseThrow().getKey());
        // Findings are history: the one the new rules no longer find is retired with their version, not deleted.
        assertThat(findingRows(rebateMessage)).isNotEmpty().allSatisfy(f -> assertThat(f).endsWith("retired by " + version));
        assertThat(findingRows(promiseMessage)).contains("guarantee_return.principal found by " + version + ", current");
        JsonPath after = alerts(officer, employee);
        Set<String> all = new HashSet<>(beforePairs);
        all.addAll(expectedNew);
        assertThat(pairs(after)).isEqualTo(all);
        List<Map<String, Object>> items = after.getList("items");
        for (Map<String, Object> a : items) {
            String pair = a.get("messageId") + "/" + a.get("ruleId");
            assertThat(a.get("unmatchedVersion")).as(pair).isEqualTo(expectedUnmatched.contains(pair) ? version : null);
        }
        long stale = items.stream().filter(a -> a.get("unmatchedVersion") != null)
                .mapToLong(a -> ((Number) a.get("id")).longValue()).findFirst().orElseThrow();
        assertThat(given().auth().oauth2(officer).get("/api/v1/alerts/" + stale).then().statusCode(200).extract()
                .jsonPath().getList("history.action", String.class)).containsSequence("raise").contains("unmatched");
        // An alert shows the hits of the latest scan only, not one copy per rules version.
        long kept = items.stream().filter(a -> "guarantee_return.principal".equals(a.get("ruleId"))
                && ((Number) a.get("messageId")).longValue() != promiseMessage)
                .mapToLong(a -> ((Number) a.get("id")).longValue()).findFirst().orElseThrow();
        JsonPath keptView = given().auth().oauth2(officer).get("/api/v1/alerts/" + kept).then().statusCode(200).extract().jsonPath();
        List<String> hitKeys = keptView.getList("hits", Map.class).stream().map(h -> h.get("ruleId") + "@" + h.get("start")).toList();
        assertThat(hitKeys).isNotEmpty().doesNotHaveDuplicates();

        // The search index follows the rescan: categories are those of the current findings.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(searchByCategory(employee, "kickback")).doesNotContain(rebateMsgid);
            assertThat(searchByCategory(employee, "guarantee_return")).contains(promiseMsgid);
        });

        // Rescanning again with the same rules changes nothing.
        RescanView again = given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("from", start.toString(), "to", end.toString())).post("/api/v1/rescans").then().statusCode(200)
                .extract().as(RescanView.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(rescans.get(again.id()).status()));
        assertThat(rescans.get(again.id())).extracting(RescanView::done, RescanView::changedMessages, RescanView::newAlerts,
                RescanView::unmatchedAlerts).containsExactly(3L, 0L, 0L, 0L);
    }

    @Test
    void rescansNeedOfficerOrAdminAndASaneRange() {
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/rescans").then().statusCode(401);
        given().auth().oauth2(fixtures.token(Roles.ADVISOR)).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/rescans").then().statusCode(403);
        String officer = fixtures.token(Roles.OFFICER);
        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z")).post("/api/v1/rescans")
                .then().statusCode(400).body("detail", equalTo("from: must be before to"));
        given().auth().oauth2(officer).get("/api/v1/rescans/999999999").then().statusCode(404);
    }
}
