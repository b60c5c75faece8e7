package io.chatguard.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.scan.ScanService;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Ingestion signals become alerts: seq gaps, recalls of messages with rule hits, and bursts of recalls. */
@QuarkusTest
class SignalAlertTest {
    @Inject
    TestData testData;
    @Inject
    ScanService scans;
    @Inject
    AlertService alerts;
    @Inject
    SecurityFixtures fixtures;
    @Inject
    DataSource dataSource;

    private void signal(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private void recall(String source, String sender, String preMsgid) throws SQLException {
        signal("insert into archive_signal (source, kind, msgid, pre_msgid, sender, detected_at)"
                + " values (?, 'recall', ?, ?, ?, now() - interval '1 second')", source, "recall-" + UUID.randomUUID(), preMsgid,
                sender);
    }

    private JsonPath list(String officer, String query) {
        return given().auth().oauth2(officer).get("/api/v1/alerts?size=100&" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void cleanMessagesOfASampledGroupEnterReviewAndOthersDoNot() throws SQLException {
        String sampled = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        signal("insert into employee (userid, employee_group) values (?, 'sample-test')", sampled);
        String cleanMsgid = testData.textMessage(sampled, "wmClient", "您好，您的开户资料已经审核通过");
        testData.textMessage(sampled, "wmClient", "保本保收益，您放心买");
        testData.textMessage(other, "wmClient", "您好，明天下午三点见");
        scans.sweep();

        String officer = fixtures.token(Roles.OFFICER);
        JsonPath samples = list(officer, "kind=sample&employee=" + sampled);
        assertThat(samples.getList("items.detail", String.class))
                .containsExactly("抽样复核：未命中规则的消息（员工组 sample-test，比例 100.0%）");
        long id = samples.getLong("items[0].id");
        assertThat(given().auth().oauth2(officer).get("/api/v1/alerts/" + id).then().statusCode(200).extract()
                .jsonPath().getString("message.msgid")).isEqualTo(cleanMsgid);
        assertThat(list(officer, "employee=" + sampled).getList("items.kind", String.class)).contains("rule_hit")
                .filteredOn("sample"::equals).hasSize(1);
        assertThat(list(officer, "employee=" + other).getInt("total")).isZero();
    }

    @Test
    void gapsRecallsOfFlaggedMessagesAndRecallBurstsRaiseAlertsOnce() throws SQLException {
        String source = "src-" + UUID.randomUUID().toString().substring(0, 8);
        long gapFrom = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        signal("insert into archive_signal (source, kind, seq_from, seq_to, detected_at)"
                + " values (?, 'seq_gap', ?, ?, now() - interval '1 second')", source, gapFrom, gapFrom + 4);

        String flaggedSender = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        String flagged = testData.textMessage(flaggedSender, "wmClient", "保本保收益，您放心买");
        String quietSender = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        String clean = testData.textMessage(quietSender, "wmClient", "您好，明天下午三点见");
        scans.sweep();
        recall(source, flaggedSender, flagged);
        recall(source, quietSender, clean);
        String busySender = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 6; i++) {
            recall(source, busySender, "gone-" + UUID.randomUUID());
        }

        assertThat(alerts.raiseFromSignals()).isGreaterThanOrEqualTo(3);
        assertThat(alerts.raiseFromSignals()).as("a second sweep raises nothing").isZero();

        String officer = fixtures.token(Roles.OFFICER);
        List<String> gaps = list(officer, "kind=seq_gap").getList("items.detail", String.class);
        assertThat(gaps).contains("会话存档缺失 seq " + gapFrom + "–" + (gapFrom + 4) + "（共 5 条，来源 " + source + "），存档可能不完整");
        JsonPath recalledFlagged = list(officer, "kind=recall&employee=" + flaggedSender);
        assertThat(recalledFlagged.getList("items.detail", String.class))
                .containsExactly("员工撤回了一条命中规则的消息（" + flagged + "）");
        assertThat(recalledFlagged.getList("items.severity", String.class)).containsExactly("high");
        assertThat(list(officer, "kind=recall&employee=" + quietSender).getInt("total"))
                .as("recalling a clean message, once, is not an alert").isZero();
        assertThat(list(officer, "kind=recall&employee=" + busySender).getList("items.detail", String.class))
                .containsExactly("员工 " + busySender + " 在 24 小时内撤回 5 条消息");

        long gapAlert = list(officer, "kind=seq_gap").getList("items", java.util.Map.class).stream()
                .filter(a -> String.valueOf(a.get("detail")).contains(source)).mapToLong(a -> ((Number) a.get("id")).longValue())
                .findFirst().orElseThrow();
        JsonPath opened = given().auth().oauth2(officer).get("/api/v1/alerts/" + gapAlert).then().statusCode(200)
                .extract().jsonPath();
        assertThat(opened.getString("message")).isNull();
        assertThat(opened.getList("history.action", String.class)).containsExactly("raise", "view");
    }
}
