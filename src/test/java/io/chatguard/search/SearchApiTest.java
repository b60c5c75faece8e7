package io.chatguard.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class SearchApiTest {
    @Inject
    TestData testData;
    @Inject
    MessageIndexer indexer;
    @Inject
    SecurityFixtures fixtures;

    private String employee;
    private final List<String> msgids = new ArrayList<>();

    private void messages(String... texts) throws SQLException {
        employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        var ids = new ArrayList<Long>();
        for (String text : texts) {
            String msgid = testData.textMessage(employee, "wmClient", text);
            msgids.add(msgid);
            ids.add(testData.messageId(msgid));
        }
        indexer.index(ids);
    }

    private JsonPath search(String q) {
        return given().auth().oauth2(fixtures.token(Roles.OFFICER)).queryParam("q", q).queryParam("sender", employee)
                .get("/api/v1/search").then().statusCode(200).extract().jsonPath();
    }

    private List<String> found(String q) {
        return search(q).getList("hits.msgid", String.class);
    }

    @Test
    void wordsPhrasesAndOperatorsMatchTheFoldedTextAndAreHighlighted() throws SQLException {
        messages("这款产品保本保收益，您放心", "保證收益的產品", "ＡＢＣ基金净值上涨", "今天天气不错", "<script>alert(1)</script>保本");

        assertThat(found("保证收益")).as("simplified query, traditional text").containsExactly(msgids.get(1));
        assertThat(found("abc")).as("full width folds").containsExactly(msgids.get(2));
        assertThat(found("保本 NOT 收益")).containsExactly(msgids.get(4));
        assertThat(found("NOT 收益")).as("NOT alone: everything else").containsExactlyInAnyOrder(msgids.get(2), msgids.get(3),
                msgids.get(4));
        assertThat(found("天气 OR (NOT 保本)")).containsExactlyInAnyOrder(msgids.get(1), msgids.get(2), msgids.get(3));
        assertThat(found("保本 OR 天气")).containsExactlyInAnyOrder(msgids.get(0), msgids.get(3), msgids.get(4));
        assertThat(found("\"保本保收益\" 放心")).containsExactly(msgids.get(0));
        assertThat(found("天天")).as("a substring inside a word").containsExactly(msgids.get(3));

        JsonPath hit = search("收益");
        assertThat(hit.getInt("total")).isEqualTo(2);
        Map<String, Object> first = hit.getMap("hits.find { it.msgid == '" + msgids.get(1) + "' }");
        assertThat(first).containsEntry("snippet", "保證收益的產品").containsEntry("from", employee)
                .containsEntry("tolist", List.of("wmClient"));
        assertThat(first.get("highlights")).isEqualTo(List.of(List.of(2, 4)));
        // Message content travels as data; escaping is the page's job, and the JSON keeps it verbatim.
        assertThat(search("script").getString("hits[0].snippet")).isEqualTo("<script>alert(1)</script>保本");
    }

    @Test
    void invalidQueriesAreA400ThatSaysWhy() throws SQLException {
        messages("保本保收益");
        String officer = fixtures.token(Roles.OFFICER);
        for (var q : Map.of("保本 AND (", "q: Cannot parse", "保*", "wildcards", "foo:bar", "unknown field 'foo'",
                "保本~", "fuzzy").entrySet()) {
            given().auth().oauth2(officer).queryParam("q", q.getKey()).get("/api/v1/search").then().statusCode(400)
                    .body("type", equalTo("urn:chatguard:problem:search-query-invalid"))
                    .body("detail", containsString(q.getValue()));
        }
        given().auth().oauth2(officer).queryParam("size", 500).get("/api/v1/search").then().statusCode(400);
        given().auth().oauth2(officer).queryParam("sort", "random").get("/api/v1/search").then().statusCode(400);
        given().auth().oauth2(officer).queryParam("from", "not-a-time").get("/api/v1/search").then().statusCode(400)
                .body("detail", containsString("from: expected an ISO-8601 instant"));
    }

    @Test
    void everySearchIsAuditedWithWhoSearchedWhat() throws SQLException {
        messages("内幕消息明天公布");
        String q = "内幕 " + UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(fixtures.tokenAs("lisi", Roles.OFFICER)).queryParam("q", q).get("/api/v1/search").then()
                .statusCode(200);

        List<Map<String, Object>> events = given().auth().oauth2(fixtures.token(Roles.ADMIN))
                .get("/api/v1/audit-events?action=search&actor=lisi&size=50").then().statusCode(200).extract().jsonPath()
                .getList("$");
        assertThat(events).extracting(e -> String.valueOf(((Map<?, ?>) e.get("detail")).get("q"))).contains(q);
    }

    @Test
    void searchIsForOfficersAndRebuildingForAdmins() {
        given().get("/api/v1/search?q=保本").then().statusCode(401);
        given().auth().oauth2(fixtures.token(Roles.ADVISOR)).get("/api/v1/search?q=保本").then().statusCode(403);
        given().auth().oauth2(fixtures.token(Roles.REGULATOR)).get("/api/v1/search?q=保本").then().statusCode(403);
        given().auth().oauth2(fixtures.token(Roles.OFFICER)).post("/api/v1/search/reindex").then().statusCode(403);
    }
}
