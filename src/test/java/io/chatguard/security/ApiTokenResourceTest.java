package io.chatguard.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ApiTokenResourceTest {

    @Inject
    SecurityFixtures fixtures;

    @Test
    void issuedTokenWorksIsListedWithoutItsSecretAndStopsWorkingWhenRevoked() {
        String admin = fixtures.token(Roles.ADMIN);

        var issued = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "侧边栏 上海分公司", "principal", "advisor.wang", "roles", List.of("advisor")))
                .when().post("/api/v1/api-tokens")
                .then().statusCode(201)
                .body("details.principal", equalTo("advisor.wang"))
                .extract().jsonPath();
        String token = issued.getString("token");
        long id = issued.getLong("details.id");

        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("advisor.wang")).body("authMethod", equalTo("token"));

        String listing = given().auth().oauth2(admin).get("/api/v1/api-tokens").then().statusCode(200)
                .extract().asString();
        assertThat(listing).contains(token.substring(0, 10)).doesNotContain(token);

        // The token was just used, so it sits in the authentication cache: revoking must evict it.
        given().auth().oauth2(admin).delete("/api/v1/api-tokens/" + id).then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(401);

        List<String> audited = given().auth().oauth2(admin).get("/api/v1/audit-events?action=api_token.revoke")
                .jsonPath().getList("targetId");
        assertThat(audited).contains(String.valueOf(id));
    }

    @Test
    void invalidRequestsAre400ProblemsAndIssueNothing() {
        String admin = fixtures.token(Roles.ADMIN);
        int before = given().auth().oauth2(admin).get("/api/v1/api-tokens").jsonPath().getList("id").size();

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "principal", "p1", "roles", List.of("superuser")))
                .when().post("/api/v1/api-tokens")
                .then().statusCode(400)
                .body("type", equalTo("urn:chatguard:problem:validation-failed"))
                .body("detail", containsString("unknown role: superuser"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "", "principal", "p1", "roles", List.of("advisor")))
                .when().post("/api/v1/api-tokens")
                .then().statusCode(400)
                .body("detail", containsString("name"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", ")
                .when().post("/api/v1/api-tokens")
                .then().statusCode(400)
                .body("type", equalTo("urn:chatguard:problem:bad-request"));

        int after = given().auth().oauth2(admin).get("/api/v1/api-tokens").jsonPath().getList("id").size();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void revokingAnUnknownTokenIs404() {
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).delete("/api/v1/api-tokens/987654321")
                .then().statusCode(404)
                .body("type", equalTo("urn:chatguard:problem:token-not-found"));
    }
}
