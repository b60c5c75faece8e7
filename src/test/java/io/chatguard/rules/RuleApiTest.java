package io.chatguard.rules;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RuleApiTest {

    @Inject
    SecurityFixtures fixtures;

    @Inject
    javax.sql.DataSource db;

    @Test
    void officersListRulesOfAllNineCategoriesAndTryATextAgainstThem() {
        String officer = fixtures.token(Roles.OFFICER);
        JsonPath rules = given().auth().oauth2(officer).when().get("/api/v1/rules").then().statusCode(200)
                .extract().jsonPath();
        assertThat(rules.getList("category", String.class)).contains("guarantee_return", "insider_info", "stock_tip",
                "discretionary_trading", "private_dealing", "kickback", "pii_leak", "illegal_leverage", "absolute_claims");
        assertThat(rules.getList("id", String.class)).contains("guarantee_return.principal");

        JsonPath verdict = given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("text", "场外配资1:10，当天到账")).when().post("/api/v1/rules/test")
                .then().statusCode(200).extract().jsonPath();
        assertThat(verdict.getString("decision")).isEqualTo("BLOCK");
        assertThat(verdict.getList("hits.category", String.class)).containsOnly("illegal_leverage");
    }

    @Test
    void statusShowsTheVersionInForceRecordedInTheDatabase() {
        JsonPath status = given().auth().oauth2(fixtures.token(Roles.ADMIN)).when().get("/api/v1/rules/status")
                .then().statusCode(200).extract().jsonPath();
        assertThat(status.getString("version")).matches("r-[0-9a-f]{12}");
        assertThat(status.getInt("rules")).isGreaterThan(20);
        assertThat(status.getMap("files")).containsKey("guarantee_return.yaml");
        assertThat(status.getString("lastError")).isNull();
        try (var c = db.getConnection(); var q = c.prepareStatement(
                "select version, rule_count, jsonb_array_length(files) from rule_set_version where active")) {
            var rs = q.executeQuery();
            assertThat(rs.next()).as("one active version row").isTrue();
            assertThat(rs.getString(1)).isEqualTo(status.getString("version"));
            assertThat(rs.getInt(2)).isEqualTo(status.getInt("rules"));
            assertThat(rs.getInt(3)).isEqualTo(status.getMap("files").size());
            assertThat(rs.next()).isFalse();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void onlyAdminsReloadAndAnonymousIsRejected() {
        given().when().get("/api/v1/rules").then().statusCode(401);
        given().auth().oauth2(fixtures.token(Roles.ADVISOR)).when().get("/api/v1/rules").then().statusCode(403)
                .body("type", equalTo("urn:chatguard:problem:forbidden"));
        given().auth().oauth2(fixtures.token(Roles.OFFICER)).when().post("/api/v1/rules/reload").then().statusCode(403);
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).when().post("/api/v1/rules/reload").then().statusCode(200)
                .body("version", startsWith("r-"));
    }

    @Test
    void tryingAnEmptyTextIs400() {
        given().auth().oauth2(fixtures.token(Roles.OFFICER)).contentType(ContentType.JSON).body(Map.of("text", ""))
                .when().post("/api/v1/rules/test")
                .then().statusCode(400).body("type", equalTo("urn:chatguard:problem:validation-failed"));
    }
}
