package io.chatguard.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Search by what happened to a message: the categories its findings fall in and the status of its alerts.
 * Both follow changes after the fact (scan, review action), through the outbox.
 */
@QuarkusTest
class SearchFacetTest {
    @Inject
    SecurityFixtures fixtures;
    @Inject
    TestData testData;
    @Inject
    MessageIndexer indexer;
    @Inject
    DataSource dataSource;

    private JsonPath search(String query) {
        return given().auth().oauth2(fixtures.token(Roles.OFFICER)).get("/api/v1/search?" + query).then().statusCode(200)
                .extract().jsonPath();
    }

    private List<String> msgids(String query) {
        return search(query).getList("hits.msgid", String.class);
    }

    private static String line(String msgid, String sender, String text) {
        return "{\"msgid\":\"" + msgid + "\",\"action\":\"send\",\"from\":\"" + sender + "\",\"tolist\":[\"wmC\"],"
                + "\"roomid\":\"\",\"msgtime\":1764547200000,\"msgtype\":\"text\",\"text\":{\"content\":\"" + text + "\"}}";
    }

    @Test
    @SuppressWarnings("unchecked")
    void categoriesAndAlertStatusesAreSearchableAndFollowTheReview() {
        String sender = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        String promise = "facet-" + UUID.randomUUID();
        String clean = "facet-" + UUID.randomUUID();
        String body = line(promise, sender, "这只产品保本保收益，您放心买") + "\n" + line(clean, sender, "您好，周末愉快");
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).contentType("application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/archive/import").then().statusCode(200)
                .body("imported", equalTo(2));

        // Indexed on import without findings; the scan's findings and the alert it raises follow.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(msgids("sender=" + sender + "&category=guarantee_return")).containsExactly(promise);
            assertThat(msgids("sender=" + sender + "&alertStatus=open")).containsExactly(promise);
        });
        JsonPath hits = search("sender=" + sender + "&sort=time");
        assertThat(hits.getList("hits.msgid", String.class)).containsExactlyInAnyOrder(promise, clean);
        Map<String, Object> promiseHit = hits.getMap("hits.find { it.msgid == '" + promise + "' }");
        assertThat((List<Object>) promiseHit.get("categories")).containsExactly("guarantee_return");
        assertThat((List<Object>) promiseHit.get("alertStatuses")).containsExactly("open");
        assertThat(msgids("sender=" + sender + "&category=kickback")).isEmpty();
        // The same filters in the query syntax.
        assertThat(msgids("sender=" + sender + "&q=category:guarantee_return AND status:open")).containsExactly(promise);
        assertThat(msgids("sender=" + sender + "&q=NOT category:guarantee_return")).containsExactly(clean);

        // A reviewer claims the alert: the message moves from open to claimed in the index.
        String officer = fixtures.token(Roles.OFFICER);
        long alert = ((Number) given().auth().oauth2(officer).get("/api/v1/alerts?kind=rule_hit&employee=" + sender).then()
                .statusCode(200).extract().jsonPath().getList("items.id").get(0)).longValue();
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("action", "claim"))
                .post("/api/v1/alerts/" + alert + "/actions").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(msgids("sender=" + sender + "&alertStatus=claimed")).containsExactly(promise);
            assertThat(msgids("sender=" + sender + "&alertStatus=open")).isEmpty();
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> queued(testData.messageId(promise)) == 0);
    }

    @Test
    void aChangeWhoseIndexingWasLostIsIndexedByTheNextDrainFromTheOutbox() throws Exception {
        String sender = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        String msgid = testData.textMessage(sender, "wmClient", "内幕消息，明天涨停");
        long id = testData.messageId(msgid);
        indexer.index(List.of(id));
        assertThat(msgids("sender=" + sender + "&category=insider_info")).isEmpty();
        // A finding and its outbox entry committed together, and then the process died before the drain.
        try (var c = dataSource.getConnection(); var st = c.prepareStatement("insert into finding (message_id, rule_id,"
                + " rules_version, category, severity, action, start_offset, end_offset, matched, original)"
                + " values (?, 'insider_info.tip', 'test', 'insider_info', 'critical', 'BLOCK', 0, 4, '内幕消息', '内幕消息');"
                + " insert into search_outbox (message_id) values (?)")) {
            st.setLong(1, id);
            st.setLong(2, id);
            st.execute();
        }
        assertThat(msgids("sender=" + sender + "&category=insider_info")).isEmpty();

        assertThat(indexer.drainOutbox()).isGreaterThanOrEqualTo(1);

        assertThat(msgids("sender=" + sender + "&category=insider_info")).containsExactly(msgid);
        assertThat(queued(id)).as("removed once the index commit holds it").isZero();
    }

    @Test
    void badFacetFiltersAreRefusedWithAMessage() {
        String officer = fixtures.token(Roles.OFFICER);
        given().auth().oauth2(officer).get("/api/v1/search?alertStatus=pending").then().statusCode(400)
                .body(containsString("must be open, claimed, escalated or closed"));
        given().auth().oauth2(officer).get("/api/v1/search?category=<script>").then().statusCode(400)
                .body(containsString("must be a category id"));
    }

    private long queued(long messageId) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("select count(*) from search_outbox where message_id = ?")) {
            ps.setLong(1, messageId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
