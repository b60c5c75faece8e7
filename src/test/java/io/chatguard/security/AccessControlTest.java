package io.chatguard.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chatguard.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The role matrix over real HTTP with real bearer tokens and real form-login sessions: anonymous
 * callers get 401, callers with another role 403, callers with the endpoint's role 200.
 */
@QuarkusTest
class AccessControlTest {

    record Endpoint(String path, Set<String> allowed) {
    }

    @Inject
    SecurityFixtures fixtures;

    @Inject
    TestData testData;

    List<Endpoint> endpoints;

    @BeforeEach
    void sampleEndpointOfEachRole() {
        String msgid = testData.textMessage("zhangsan", "wmClient001", "您好，今天的市场点评已发您");
        endpoints = List.of(
                new Endpoint("/api/v1/precheck-decisions", Set.of(Roles.ADVISOR)),
                new Endpoint("/api/v1/messages/" + msgid, Set.of(Roles.OFFICER)),
                new Endpoint("/api/v1/reports", Set.of(Roles.OFFICER, Roles.REGULATOR)),
                new Endpoint("/api/v1/api-tokens", Set.of(Roles.ADMIN)),
                new Endpoint("/api/v1/audit-events", Set.of(Roles.ADMIN)),
                new Endpoint("/api/v1/me", Roles.ALL));
    }

    @Test
    void anonymousCallerGets401WithBearerChallengeOnEveryEndpoint() {
        for (Endpoint endpoint : endpoints) {
            given().when().get(endpoint.path())
                    .then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"));
        }
    }

    @Test
    void tokenWithTheRightRoleGets200AndAnyOtherRoleGets403() {
        List<String> outcomes = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String role : Roles.ALL) {
            String token = fixtures.token(role);
            for (Endpoint endpoint : endpoints) {
                Response response = given().auth().oauth2(token).when().get(endpoint.path());
                outcomes.add(role + " " + endpoint.path() + " -> " + response.statusCode());
                expected.add(role + " " + endpoint.path() + " -> " + (endpoint.allowed().contains(role) ? 200 : 403));
                if (response.statusCode() == 403) {
                    assertThat(response.jsonPath().getString("type")).isEqualTo("urn:chatguard:problem:forbidden");
                }
            }
        }
        assertThat(outcomes).containsExactlyElementsOf(expected);
    }

    @Test
    void uiSessionWorksOnTheApiWithTheSameRoleChecks() {
        String officer = fixtures.user(Roles.OFFICER);
        String cookie = login(officer, SecurityFixtures.PASSWORD);

        given().cookie("quarkus-credential", cookie).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("name", equalTo(officer))
                .body("authMethod", equalTo("session"));
        for (Endpoint endpoint : endpoints) {
            int expected = endpoint.allowed().contains(Roles.OFFICER) ? 200 : 403;
            given().cookie("quarkus-credential", cookie).redirects().follow(false)
                    .when().get(endpoint.path())
                    .then().statusCode(expected);
        }
    }

    @Test
    void unknownRevokedAndExpiredTokensGet401() {
        String revoked = fixtures.token(Roles.OFFICER);
        String admin = fixtures.token(Roles.ADMIN);
        long revokedId = given().auth().oauth2(admin).get("/api/v1/api-tokens").jsonPath()
                .getLong("find { it.tokenPrefix == '" + revoked.substring(0, 10) + "' }.id");
        given().auth().oauth2(admin).delete("/api/v1/api-tokens/" + revokedId).then().statusCode(204);

        for (String token : List.of("cgt_not-a-real-token", revoked, fixtures.expiredToken(Roles.OFFICER))) {
            given().auth().oauth2(token).when().get("/api/v1/me")
                    .then().statusCode(401)
                    .body("type", equalTo("urn:chatguard:problem:unauthorized"));
        }
    }

    @Test
    void pagesRedirectAnonymousUsersToTheLoginForm() {
        given().redirects().follow(false).when().get("/")
                .then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.endsWith("/login.html"));
        given().when().get("/login.html")
                .then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("登录"));
    }

    @Test
    void wrongPasswordReturnsToTheLoginFormWithAnErrorAndNoSession() {
        String officer = fixtures.user(Roles.OFFICER);
        Response response = given().redirects().follow(false)
                .formParam("j_username", officer).formParam("j_password", "wrong")
                .when().post("/j_security_check");

        assertThat(response.statusCode()).isIn(302, 303);
        assertThat(response.header("Location")).endsWith("/login.html?error=1");
        assertThat(response.getCookie("quarkus-credential")).isNull();
    }

    @Test
    void regulatorSeesOnlyReportsSharedWithThem() {
        String regulator = fixtures.user(Roles.REGULATOR);
        long shared = testData.report("2026年10月合规报告", regulator);
        long notShared = testData.report("内部报告", null);
        String cookie = login(regulator, SecurityFixtures.PASSWORD);

        List<Long> visible = given().cookie("quarkus-credential", cookie).get("/api/v1/reports?size=500")
                .then().statusCode(200).extract().jsonPath().getList("id", Long.class);
        List<Long> officerVisible = given().auth().oauth2(fixtures.token(Roles.OFFICER)).get("/api/v1/reports?size=500")
                .then().statusCode(200).extract().jsonPath().getList("id", Long.class);

        assertThat(visible).containsExactly(shared);
        assertThat(officerVisible).contains(shared, notShared);
    }

    @Test
    void readingAMessageIsWrittenToTheAuditLog() {
        String msgid = testData.textMessage("lisi", "wmClient002", "<script>alert(1)</script>");
        String officer = fixtures.user(Roles.OFFICER);
        String cookie = login(officer, SecurityFixtures.PASSWORD);

        given().cookie("quarkus-credential", cookie).get("/api/v1/messages/" + msgid)
                .then().statusCode(200)
                .body("msgid", equalTo(msgid))
                .body("text", equalTo("<script>alert(1)</script>"))
                .body("raw.msgtype", equalTo("text"));

        List<String> audited = given().auth().oauth2(fixtures.token(Roles.ADMIN))
                .get("/api/v1/audit-events?actor=" + officer)
                .then().statusCode(200).extract().jsonPath().getList("collect { it.action + ' ' + it.targetId }");
        assertThat(audited).containsExactly("message.read " + msgid);
    }

    @Test
    void unknownMessageIs404ProblemNot500() {
        given().auth().oauth2(fixtures.token(Roles.OFFICER)).when().get("/api/v1/messages/no-such-msgid")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chatguard:problem:message-not-found"));
    }

    static String login(String username, String password) {
        Response response = given().redirects().follow(false)
                .formParam("j_username", username).formParam("j_password", password)
                .when().post("/j_security_check");
        assertThat(response.statusCode()).as("login of %s", username).isEqualTo(302);
        String cookie = response.getCookie("quarkus-credential");
        assertThat(cookie).as("session cookie").isNotBlank();
        return cookie;
    }
}
