package io.chatguard.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Once retention has passed, an admin disposes of an object, but never while a legal hold is on it. */
@QuarkusTest
@TestProfile(EvidenceDisposalTest.NoRetention.class)
class EvidenceDisposalTest {
    /** Objects are past their retention as soon as they are stored. */
    public static class NoRetention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chatguard.storage.retention", "P0D");
        }
    }

    @Inject
    EvidenceStore store;
    @Inject
    SecurityFixtures fixtures;

    @Test
    void anAdminDisposesOfAnObjectPastRetentionOnlyAfterItsLegalHoldIsReleased() {
        String key = "test/dispose-" + UUID.randomUUID() + ".txt";
        store.put(key, "过期的证据".getBytes(StandardCharsets.UTF_8), "text/plain");
        String officer = fixtures.token(Roles.OFFICER);
        String admin = fixtures.token(Roles.ADMIN);
        long hold = given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("objectKey", key, "reason", "诉讼保全"))
                .post("/api/v1/evidence/holds").then().statusCode(200).extract().jsonPath().getLong("[0].id");

        given().auth().oauth2(admin).queryParam("key", key).queryParam("reason", "retention over").delete("/api/v1/evidence/objects")
                .then().statusCode(409).body("detail", containsString("under legal hold"));
        assertThat(store.stat(key)).isPresent();

        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of()).post("/api/v1/evidence/holds/" + hold + "/release")
                .then().statusCode(400).body("detail", containsString("note"));
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("note", "保全解除"))
                .post("/api/v1/evidence/holds/" + hold + "/release").then().statusCode(200);
        given().auth().oauth2(admin).queryParam("key", key).queryParam("reason", "retention over").delete("/api/v1/evidence/objects")
                .then().statusCode(204);

        assertThat(store.stat(key)).isEmpty();
        given().auth().oauth2(admin).queryParam("key", key).queryParam("reason", "again").delete("/api/v1/evidence/objects")
                .then().statusCode(404);
        given().auth().oauth2(admin).get("/api/v1/audit-events?action=evidence.dispose").then().statusCode(200)
                .body("targetId", org.hamcrest.Matchers.hasItem(key));
    }
}
