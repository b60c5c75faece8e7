package io.chatguard.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With seeding on, as in the local profile, the README's demo logins and tokens work. */
@QuarkusTest
@TestProfile(DemoSeederTest.Seeding.class)
class DemoSeederTest {

    public static class Seeding implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chatguard.demo.seed", "true");
        }
    }

    @Test
    void demoUsersSignInWithTheDemoPassword() {
        for (String user : new String[] {"advisor", "officer", "regulator", "admin"}) {
            String cookie = AccessControlTest.login(user, "chatguard-demo");
            given().cookie("quarkus-credential", cookie).get("/api/v1/me")
                    .then().statusCode(200)
                    .body("name", equalTo(user))
                    .body("roles", contains(user));
        }
    }

    @Test
    void oneDemoTokenPerRole() {
        for (String role : Roles.ALL) {
            given().auth().oauth2("demo-" + role + "-token").get("/api/v1/me")
                    .then().statusCode(200)
                    .body("name", equalTo("demo-" + role))
                    .body("roles", contains(role));
        }
    }
}
