package io.chatguard.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.lucene.search.MatchAllDocsQuery;
import org.junit.jupiter.api.Test;

import io.chatguard.scan.ScanService;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.TestData;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The index is derived data: an admin rebuilds it from PostgreSQL, one rebuild at a time, with progress,
 * and afterwards it holds every message with its categories and alert statuses.
 */
@QuarkusTest
class ReindexTest {
    @Inject
    TestData testData;
    @Inject
    ScanService scans;
    @Inject
    MessageIndexer indexer;
    @Inject
    SearchIndex index;
    @Inject
    SecurityFixtures fixtures;
    @Inject
    DataSource dataSource;

    private JsonPath search(String query) {
        return given().auth().oauth2(fixtures.token(Roles.OFFICER)).get("/api/v1/search?" + query).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void anAdminRebuildsTheIndexFromPostgresqlWithProgressAndOneRebuildAtATime() throws Exception {
        String sender = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        // Stored and scanned, never indexed (as with an index directory lost with its disk).
        String promise = testData.textMessage(sender, "wmClient", "跟着我买，保证收益翻倍");
        String hello = testData.textMessage(sender, "wmClient", "早上好");
        scans.scan(List.of(testData.messageId(promise), testData.messageId(hello)));
        await().atMost(Duration.ofSeconds(20)).until(() -> queuedInOutbox() == 0);
        index.clear();
        assertThat(search("sender=" + sender).getInt("total")).isZero();

        String admin = fixtures.token(Roles.ADMIN);
        // The walk waits while the test holds the indexer, so the rebuild is seen running.
        JsonPath started;
        synchronized (ClientProxy.unwrap(indexer)) {
            started = given().auth().oauth2(admin).post("/api/v1/search/reindex").then().statusCode(200)
                    .body("requestedBy", notNullValue()).body("finishedAt", nullValue())
                    .extract().jsonPath();
            given().auth().oauth2(admin).post("/api/v1/search/reindex").then().statusCode(409)
                    .body("detail", containsString("is running"));
            JsonPath during = search("sender=" + sender);
            assertThat(during.getLong("rebuilding.total")).isEqualTo(started.getLong("total"));
        }
        long total = started.getLong("total");
        assertThat(total).isEqualTo(messageCount());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(admin).get("/api/v1/search/reindex")
                .then().statusCode(200).body("finishedAt", notNullValue()).body("error", nullValue()));
        JsonPath done = given().auth().oauth2(admin).get("/api/v1/search/reindex").then().extract().jsonPath();
        assertThat(done.getLong("indexed")).isGreaterThanOrEqualTo(total);
        int documents = index.withSearcher(s -> s.count(new MatchAllDocsQuery()));
        assertThat(documents).isEqualTo((int) messageCount());
        JsonPath after = search("sender=" + sender);
        assertThat(after.getList("hits.msgid", String.class)).containsExactlyInAnyOrder(promise, hello);
        assertThat(after.getString("rebuilding")).isNull();
        assertThat(search("sender=" + sender + "&category=guarantee_return&alertStatus=open").getList("hits.msgid",
                String.class)).containsExactly(promise);
        // Recorded: who rebuilt the index.
        given().auth().oauth2(admin).get("/api/v1/audit-events?action=search.reindex").then().statusCode(200)
                .body("actor", org.hamcrest.Matchers.hasItem(started.getString("requestedBy")));
    }

    private long messageCount() throws Exception {
        return scalar("select count(*) from chat_message");
    }

    private long queuedInOutbox() throws Exception {
        return scalar("select count(*) from search_outbox");
    }

    private long scalar(String sql) throws Exception {
        try (var c = dataSource.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
