package io.chatguard.precheck;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A BLOCK is never answered before its decision is recorded: when the decision table cannot take the
 * write (here another session holds an exclusive lock on it, as a long migration or a stuck database
 * would), the API answers 503 instead of the verdict, and the decision is still stored once the
 * database recovers.
 */
@QuarkusTest
@TestProfile(DecisionNotRecordedTest.ShortWait.class)
class DecisionNotRecordedTest {

    /** A short commit wait, so the test does not sit out the 10 s default. */
    public static class ShortWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chatguard.precheck.record-timeout", "2s");
        }
    }

    @Inject
    SecurityFixtures fixtures;

    @Inject
    DataSource dataSource;

    @Inject
    PrecheckDecisionRepository decisions;

    private long stored(String text) {
        return QuarkusTransaction.requiringNew().call(() -> decisions.count("text", text));
    }

    @Test
    void aDecisionThatCannotBeCommittedIs503AndIsStoredWhenTheDatabaseRecovers() throws Exception {
        String token = fixtures.token(Roles.ADVISOR);
        String text = "锁表" + System.nanoTime() + " 把交易密码发我，我帮您操作";
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (var st = lock.createStatement()) {
                st.execute("LOCK TABLE precheck_decision IN ACCESS EXCLUSIVE MODE");
            }
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", text))
                    .when().post("/api/v1/precheck")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("urn:chatguard:problem:decision-not-recorded"))
                    .body("detail", equalTo("the decision was not confirmed as recorded; try again"));
            lock.rollback();
        }
        // The write was only delayed: it commits once the lock is gone, nothing is dropped.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (stored(text) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(stored(text)).isEqualTo(1);
        // And the writer carries on: the next block is answered normally, already stored.
        String next = text + " 再来一次";
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("text", next))
                .when().post("/api/v1/precheck")
                .then().statusCode(200).body("decision", equalTo("BLOCK"));
        assertThat(stored(next)).isEqualTo(1);
    }
}
