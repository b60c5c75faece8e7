package io.chatguard.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.scan.ScanService;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.chatguard.testsupport.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The dashboard's counts: every way of counting adds up to the same total, and departments come from employees. */
@QuarkusTest
class AlertStatsTest {
    @Inject
    TestData testData;
    @Inject
    ScanService scans;
    @Inject
    SecurityFixtures fixtures;
    @Inject
    DataSource dataSource;

    @Test
    void alertsAreCountedByDayCategoryStatusEmployeeAndDepartment() throws SQLException {
        String employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        String department = "财富管理部-" + UUID.randomUUID().toString().substring(0, 4);
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "insert into employee (userid, department) values (?, ?)")) {
            ps.setString(1, employee);
            ps.setString(2, department);
            ps.executeUpdate();
        }
        Instant from = Instant.now().minusSeconds(5);
        testData.textMessage(employee, "wmClient", "这款产品保本保收益，放心买");
        testData.textMessage(employee, "wmClient", "明天有内幕消息，赶紧买入");
        scans.sweep();
        Instant to = Instant.now().plusSeconds(5);

        JsonPath stats = given().auth().oauth2(fixtures.token(Roles.OFFICER)).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/v1/alerts/stats").then().statusCode(200).extract().jsonPath();

        long total = stats.getLong("total");
        assertThat(total).isGreaterThanOrEqualTo(2);
        for (String way : List.of("byDay", "byCategory", "byStatus", "byDepartment")) {
            assertThat(stats.getList(way + ".count", Long.class).stream().mapToLong(Long::longValue).sum()).as(way)
                    .isEqualTo(total);
        }
        List<Map<String, Object>> departments = stats.getList("byDepartment");
        assertThat(departments).anySatisfy(d -> assertThat(d).containsEntry("key", department)
                .containsEntry("count", (int) countFor(employee)));
        assertThat(stats.getList("byCategory.key", String.class)).contains("guarantee_return", "insider_info");
    }

    private long countFor(String employee) {
        return given().auth().oauth2(fixtures.token(Roles.OFFICER)).get("/api/v1/alerts?employee=" + employee).then()
                .statusCode(200).extract().jsonPath().getLong("total");
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsA400AndOnlyOfficersSeeCounts() {
        given().auth().oauth2(fixtures.token(Roles.OFFICER)).get("/api/v1/alerts/stats?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z")
                .then().statusCode(400).body("detail", equalTo("from: must be before to"));
        given().get("/api/v1/alerts/stats").then().statusCode(401);
        given().auth().oauth2(fixtures.token(Roles.REGULATOR)).get("/api/v1/alerts/stats").then().statusCode(403);
    }
}
