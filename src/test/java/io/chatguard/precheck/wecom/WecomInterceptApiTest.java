package io.chatguard.precheck.wecom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.rules.Decision;
import io.chatguard.rules.RuleEngine;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class WecomInterceptApiTest {

    @Inject
    SecurityFixtures fixtures;

    @Inject
    RuleEngine engine;

    @Test
    void adminsGetPayloadsAndEveryWordIsOneChatGuardItselfBlocks() {
        JsonPath export = given().auth().oauth2(fixtures.token(Roles.ADMIN)).when().get("/api/v1/wecom/intercept-rules")
                .then().statusCode(200).extract().jsonPath();
        List<String> words = export.getList("rules.word_list.flatten()", String.class);
        assertThat(export.getString("rulesVersion")).isEqualTo(engine.rulesVersion());
        assertThat(words).contains("稳赚不赔", "穩賺不賠", "配资平台").doesNotContain("保本");
        assertThat(words).allSatisfy(w -> assertThat(engine.check(w).decision()).as(w).isEqualTo(Decision.BLOCK));
        assertThat(export.getList("rules.applicable_range.department_list.flatten()", Integer.class)).containsOnly(1);
    }

    @Test
    void syncIsRefusedWhileDisabledAndOnlyAdminsMayAsk() {
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).when().post("/api/v1/wecom/intercept-rules/sync")
                .then().statusCode(409).body("type", equalTo("urn:chatguard:problem:conflict"));
        given().auth().oauth2(fixtures.token(Roles.OFFICER)).when().get("/api/v1/wecom/intercept-rules")
                .then().statusCode(403);
        given().when().get("/api/v1/wecom/intercept-rules").then().statusCode(401);
    }
}
