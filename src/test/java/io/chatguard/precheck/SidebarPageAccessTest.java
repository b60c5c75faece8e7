package io.chatguard.precheck;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** How the sidebar's static files are served: only to signed-in users, under a strict CSP. */
@QuarkusTest
class SidebarPageAccessTest {
    static final List<String> FILES = List.of("/sidebar/", "/sidebar/sidebar.js", "/sidebar/highlight.js",
            "/sidebar/wecom.js", "/sidebar/sidebar.css");

    @Inject
    SecurityFixtures fixtures;

    @Test
    void anonymousVisitorsAreSentToTheLoginForm() {
        for (String file : FILES) {
            given().redirects().follow(false).when().get(file)
                    .then().statusCode(302)
                    .header("Location", endsWith("/login.html"));
        }
    }

    @Test
    void signedInAdvisorGetsThePageUnderAContentSecurityPolicy() {
        String cookie = login(fixtures.user(Roles.ADVISOR));
        for (String file : FILES) {
            given().cookie("quarkus-credential", cookie).redirects().follow(false).when().get(file)
                    .then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self' https://res.wx.qq.com;"))
                    .header("Content-Security-Policy", containsString("object-src 'none'"))
                    .header("X-Content-Type-Options", "nosniff");
        }
        given().cookie("quarkus-credential", cookie).get("/sidebar/")
                .then().body(containsString("事前合规检查"));
    }

    private static String login(String username) {
        Response response = given().redirects().follow(false)
                .formParam("j_username", username).formParam("j_password", SecurityFixtures.PASSWORD)
                .when().post("/j_security_check");
        assertThat(response.statusCode()).as("login of %s", username).isEqualTo(302);
        return response.getCookie("quarkus-credential");
    }
}
