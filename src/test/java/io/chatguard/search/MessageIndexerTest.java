package io.chatguard.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;

/** New messages become searchable without anyone asking: on ingest, and through the sweep when that was lost. */
@QuarkusTest
class MessageIndexerTest {
    @Inject
    MessageIndexer indexer;
    @Inject
    SearchIndex index;
    @Inject
    SearchService search;
    @Inject
    TestData testData;
    @Inject
    SecurityFixtures fixtures;
    @Inject
    DataSource dataSource;

    private List<String> found(String sender) {
        return search.search(new SearchRequest(null, null, null, sender, null, null, null, null, null, "time", 0, 50), "officer-test")
                .hits().stream().map(SearchResult.Hit::msgid).toList();
    }

    @Test
    void importedMessagesAreSearchableRightAfterTheirBatchCommits() {
        String msgid = "idx-" + UUID.randomUUID();
        String sender = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        String line = "{\"msgid\":\"" + msgid + "\",\"action\":\"send\",\"from\":\"" + sender + "\",\"tolist\":[\"wmC\"],"
                + "\"roomid\":\"\",\"msgtime\":1764547200000,\"msgtype\":\"text\",\"text\":{\"content\":\"明天内幕消息\"}}";
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).contentType("application/x-ndjson")
                .body(line.getBytes(StandardCharsets.UTF_8)).post("/api/v1/archive/import").then().statusCode(200)
                .body("imported", equalTo(1));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(found(sender)).containsExactly(msgid));
    }

    @Test
    void theSweepIndexesWhatTheCommitTimeIndexingMissedAndMovesTheCursor() throws SQLException {
        // Start the walk at the newest message: the test database holds other runs' (and benchmarks') messages.
        index.advanceCursor(maxMessageId());
        String sender = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        // Stored straight into PostgreSQL: no commit event, as after a crash between the commit and the indexing.
        String a = testData.textMessage(sender, "wmClient", "保本保收益");
        String b = testData.textMessage(sender, "wmClient", "您好");
        assertThat(found(sender)).isEmpty();

        assertThat(indexer.sweep()).isGreaterThanOrEqualTo(2);

        assertThat(found(sender)).containsExactlyInAnyOrder(a, b);
        assertThat(index.cursor()).isEqualTo(maxMessageId());
    }

    private long maxMessageId() throws SQLException {
        try (var c = dataSource.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(
                "select max(id) from chat_message")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
