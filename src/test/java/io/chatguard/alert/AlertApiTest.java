package io.chatguard.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.scan.ScanService;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Archive to alert to review, over real HTTP on the real database. */
@QuarkusTest
class AlertApiTest {
    @Inject
    SecurityFixtures fixtures;

    @Inject
    TestData testData;

    @Inject
    ScanService scans;

    @Inject
    DataSource dataSource;

    private static String line(String msgid, String sender, String content) {
        return "{\"msgid\":\"" + msgid + "\",\"action\":\"send\",\"from\":\"" + sender + "\",\"tolist\":[\"wmClient\"],"
                + "\"roomid\":\"\",\"msgtime\":1763800000000,\"msgtype\":\"text\",\"text\":{\"content\":\"" + content + "\"}}";
    }

    private static String timedLine(String from, String to, long msgtime, String content) {
        return "{\"msgid\":\"m-" + UUID.randomUUID() + "\",\"action\":\"send\",\"from\":\"" + from + "\",\"tolist\":[\""
                + to + "\"],\"roomid\":\"\",\"msgtime\":" + msgtime + ",\"msgtype\":\"text\",\"text\":{\"content\":\""
                + content + "\"}}";
    }

    private JsonPath alerts(String token, String query) {
        return given().auth().oauth2(token).get("/api/v1/alerts?" + query).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath act(String token, long id, Map<String, Object> body, int status) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/alerts/" + id + "/actions").then().statusCode(status).extract().jsonPath();
    }

    @Test
    void importedViolationsBecomeOneAlertPerMessageAndRuleAndCompliantTextNone() {
        String employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "m-" + UUID.randomUUID();
        String promise = "m-" + UUID.randomUUID();
        String body = String.join("\n", line(password, employee, "姐，把交易密码发我，我帮您操作"),
                line(promise, employee, "保本保收益，稳赚不赔，保本的"),
                line("m-" + UUID.randomUUID(), employee, "本产品不保本，过往业绩不代表未来表现"),
                line("m-" + UUID.randomUUID(), employee, "您好，明天下午三点在营业部见"));
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).contentType("application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/archive/import")
                .then().statusCode(200).body("imported", equalTo(4));
        String officer = fixtures.token(Roles.OFFICER);

        // Scanned right after the import committed, off the request thread.
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts(officer, "employee=" + employee).getInt("total") >= 2);
        JsonPath raised = alerts(officer, "employee=" + employee);

        // Only the two violating messages raise alerts: one per (message, rule), however often the rule
        // matched (保本 three times is one alert), and a message that breaks two rules raises two.
        List<String> pairs = raised.getList("items", Map.class).stream()
                .map(a -> a.get("messageId") + "/" + a.get("ruleId")).toList();
        assertThat(pairs).doesNotHaveDuplicates();
        assertThat(raised.getList("items.messageId", Long.class).stream().distinct()).hasSize(2);
        assertThat(raised.getList("items.category", String.class)).containsOnly("discretionary_trading",
                "guarantee_return").contains("discretionary_trading", "guarantee_return");
        assertThat(raised.getList("items.ruleId", String.class)).contains("guarantee_return.principal",
                "discretionary_trading.password-request");
        assertThat(raised.getList("items.status", String.class)).containsOnly("open");
        assertThat(raised.getList("items.severity", String.class)).containsOnly("critical");
        int total = raised.getInt("total");
        scans.sweep();
        assertThat(alerts(officer, "employee=" + employee).getInt("total")).isEqualTo(total);
    }

    @Test
    void theSweepScansMessagesNoIngestEventAnnounced() {
        String employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        // Written straight to the table, as if the scan after the commit had been lost in a crash.
        testData.textMessage(employee, "wmClient", "下周一停牌重组，内幕消息，今天能买多少买多少");
        String officer = fixtures.token(Roles.OFFICER);
        assertThat(alerts(officer, "employee=" + employee).getInt("total")).isZero();

        assertThat(scans.sweep().scanned()).isPositive();

        assertThat(alerts(officer, "employee=" + employee).getList("items.ruleId", String.class))
                .contains("insider_info.insider-news");
        assertThat(scans.sweep().scanned()).isZero();
    }

    @Test
    void aReviewOverHttpKeepsEveryStepInTheHistory() {
        String employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        String text = "<script>alert(1)</script>您把交易密码发我，我帮您操作";
        testData.textMessage(employee, "wmClient", text);
        scans.sweep();
        String lisi = "lisi-" + UUID.randomUUID().toString().substring(0, 6);
        String wang = "wang-" + UUID.randomUUID().toString().substring(0, 6);
        String lisiToken = fixtures.tokenAs(lisi, Roles.OFFICER);
        String wangToken = fixtures.tokenAs(wang, Roles.OFFICER);
        JsonPath raised = alerts(lisiToken, "employee=" + employee + "&rule=discretionary_trading.password-request");
        assertThat(raised.getInt("total")).isEqualTo(1);
        long id = raised.getLong("items[0].id");
        String rule = "&rule=discretionary_trading.password-request";

        JsonPath opened = given().auth().oauth2(lisiToken).get("/api/v1/alerts/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(opened.getString("message.text")).isEqualTo(text);
        int start = opened.getInt("hits[0].start");
        int end = opened.getInt("hits[0].end");
        assertThat(text.substring(start, end)).isEqualTo(opened.getString("hits[0].original"));
        assertThat(opened.getList("allowedActions", String.class)).contains("claim").doesNotContain("close", "reopen");

        act(lisiToken, id, Map.of("action", "claim"), 200);
        JsonPath notHolder = act(wangToken, id, Map.of("action", "close", "resolution", "violation", "note", "x"), 409);
        assertThat(notHolder.getString("type")).isEqualTo("urn:chatguard:problem:alert-state-conflict");
        assertThat(notHolder.getString("detail")).isEqualTo("held by " + lisi + "; only the holder closes it");
        JsonPath noResolution = act(lisiToken, id, Map.of("action", "close", "note", "x"), 400);
        assertThat(noResolution.getString("detail")).isEqualTo("resolution: is required for this action");
        act(lisiToken, id, Map.of("action", "escalate", "note", "疑似索要交易密码，请主管复核"), 200);
        act(wangToken, id, Map.of("action", "claim"), 200);
        JsonPath closed = act(wangToken, id, Map.of("action", "close", "resolution", "violation", "note", "已约谈员工"), 200);
        assertThat(closed.getString("alert.status")).isEqualTo("closed");
        assertThat(closed.getString("alert.resolution")).isEqualTo("violation");
        assertThat(closed.getString("alert.closedAt")).isNotBlank();
        act(wangToken, id, Map.of("action", "reopen"), 400);
        JsonPath reopened = act(lisiToken, id, Map.of("action", "reopen", "note", "监管问询，重新核查"), 200);

        assertThat(reopened.getString("alert.status")).isEqualTo("open");
        assertThat(reopened.getList("history.action", String.class))
                .containsExactly("raise", "view", "claim", "escalate", "claim", "close", "reopen");
        assertThat(reopened.getList("history.actor", String.class))
                .containsExactly("system", lisi, lisi, lisi, wang, wang, lisi);
        assertThat(reopened.getString("history[5].before.status")).isEqualTo("escalated");
        assertThat(reopened.getString("history[5].after.resolution")).isEqualTo("violation");
        assertThat(reopened.getString("history[5].note")).isEqualTo("已约谈员工");
        assertThat(alerts(lisiToken, "employee=" + employee + rule + "&status=closed").getInt("total")).isZero();
        assertThat(alerts(lisiToken, "employee=" + employee + rule + "&status=open").getInt("total")).isEqualTo(1);
    }

    @Test
    void anAlertShowsTheConversationAroundItsMessage() {
        String employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        String client = "wm" + UUID.randomUUID().toString().substring(0, 8);
        String body = String.join("\n",
                timedLine(employee, client, 1_763_800_000_000L, "王姐早上好"),
                timedLine(client, employee, 1_763_800_060_000L, "这个产品有风险吗？"),
                timedLine(employee, client, 1_763_800_120_000L, "放心，保本保收益，稳赚不赔"),
                timedLine(client, employee, 1_763_800_180_000L, "那我买二十万"),
                timedLine(employee, client, 1_763_800_240_000L, "好的，我帮您下单"));
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).contentType("application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/archive/import")
                .then().statusCode(200).body("imported", equalTo(5));
        String officer = fixtures.token(Roles.OFFICER);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> alerts(officer, "employee=" + employee + "&category=guarantee_return").getInt("total") >= 1);
        long id = alerts(officer, "employee=" + employee + "&category=guarantee_return").getLong("items[0].id");

        JsonPath opened = given().auth().oauth2(officer).get("/api/v1/alerts/" + id + "?context=1").then().statusCode(200)
                .extract().jsonPath();

        assertThat(opened.getList("context.text", String.class))
                .containsExactly("这个产品有风险吗？", "放心，保本保收益，稳赚不赔", "那我买二十万");
        assertThat(given().auth().oauth2(officer).get("/api/v1/alerts/" + id + "?context=9").then().statusCode(200)
                .extract().jsonPath().getList("context.text", String.class)).hasSize(5);
        given().auth().oauth2(officer).get("/api/v1/alerts/" + id + "?context=51").then().statusCode(400);
    }

    @Test
    void aBulkActionAppliesToEachAlertOnItsOwn() {
        String employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        testData.textMessage(employee, "wmClient", "保本保收益，您放心");
        testData.textMessage(employee, "wmClient", "下周一停牌重组，内幕消息");
        scans.sweep();
        String lisi = "lisi-" + UUID.randomUUID().toString().substring(0, 6);
        String token = fixtures.tokenAs(lisi, Roles.OFFICER);
        List<Long> ids = alerts(token, "employee=" + employee + "&sort=newest").getList("items.id", Long.class);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(2);
        act(token, ids.get(0), Map.of("action", "claim"), 200);

        List<Map<String, Object>> outcomes = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("ids", List.of(ids.get(0), ids.get(1), 999_999_999L), "action", "close",
                        "resolution", "false_positive", "note", "培训材料中的引用"))
                .post("/api/v1/alerts/actions").then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(outcomes).extracting(o -> o.get("status")).containsExactly(200, 409, 404);
        assertThat(outcomes.get(0)).extracting(o -> ((Map<?, ?>) o.get("alert")).get("resolution")).isEqualTo("false_positive");
        assertThat(outcomes.get(1).get("type")).isEqualTo("urn:chatguard:problem:alert-state-conflict");
        assertThat(alerts(token, "employee=" + employee + "&status=closed").getList("items.id", Long.class))
                .containsExactly(ids.get(0));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("ids", List.of(), "action", "claim"))
                .post("/api/v1/alerts/actions").then().statusCode(400)
                .body("detail", equalTo("ids: must list at least one alert"));
    }

    @Test
    void theHistoryCannotBeChangedOrDeleted() throws SQLException {
        String employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        testData.textMessage(employee, "wmClient", "保本保收益，您放心");
        scans.sweep();
        long id = alerts(fixtures.token(Roles.OFFICER), "employee=" + employee).getLong("items[0].id");
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            for (String change : List.of("update alert_event set actor = 'someone-else' where alert_id = " + id,
                    "delete from alert_event where alert_id = " + id)) {
                assertThatThrownBy(() -> st.execute(change)).as(change)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("alert_event is append-only");
            }
        }
        assertThat(given().auth().oauth2(fixtures.token(Roles.OFFICER)).get("/api/v1/alerts/" + id)
                .then().statusCode(200).extract().jsonPath().getList("history.actor", String.class)).first()
                .isEqualTo("system");
    }

    @Test
    void onlyOfficersReachAlertsAndBadRequestsAreExplained() {
        given().get("/api/v1/alerts").then().statusCode(401);
        given().auth().oauth2(fixtures.token(Roles.ADVISOR)).get("/api/v1/alerts").then().statusCode(403);
        given().auth().oauth2(fixtures.token(Roles.REGULATOR)).get("/api/v1/alerts/1").then().statusCode(403);
        String officer = fixtures.token(Roles.OFFICER);
        given().auth().oauth2(officer).get("/api/v1/alerts/999999999").then().statusCode(404)
                .body("type", equalTo("urn:chatguard:problem:alert-not-found"));
        given().auth().oauth2(officer).get("/api/v1/alerts?status=pending").then().statusCode(400)
                .body("detail", equalTo("status: must be open, claimed, escalated or closed"));
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("action", "delete"))
                .post("/api/v1/alerts/1/actions").then().statusCode(400)
                .body("type", equalTo("urn:chatguard:problem:validation-failed"));
    }
}
