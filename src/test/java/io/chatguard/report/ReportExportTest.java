package io.chatguard.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.evidence.EvidenceLedger;
import io.chatguard.platform.storage.Sha256;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A report from creation to the regulator: exported in the background with progress, in every format,
 * with an evidence package that the offline verifier accepts, and refuses after any change; shared
 * explicitly, audited, and no longer downloadable once expired.
 */
@QuarkusTest
class ReportExportTest {
    static final Path OUT = Path.of("target", "report-export");

    @Inject
    SecurityFixtures fixtures;
    @Inject
    EvidenceLedger ledger;
    @Inject
    DataSource dataSource;
    @Inject
    ObjectMapper json;

    private static String line(String msgid, String sender, String text) {
        return "{\"msgid\":\"" + msgid + "\",\"action\":\"send\",\"from\":\"" + sender + "\",\"tolist\":[\"wmClient\"],"
                + "\"roomid\":\"\",\"msgtime\":" + Instant.now().toEpochMilli() + ",\"msgtype\":\"text\",\"text\":{\"content\":\""
                + text + "\"}}";
    }

    @Test
    void anOfficerExportsAReportWhoseSignedPackageVerifiesOfflineAndOnlyTheRegulatorItIsSharedWithGetsIt() throws Exception {
        String employee = "adv-" + UUID.randomUUID().toString().substring(0, 8);
        Instant from = Instant.now().minusSeconds(60);
        var msgids = List.of("rep-" + UUID.randomUUID(), "rep-" + UUID.randomUUID(), "rep-" + UUID.randomUUID());
        String body = line(msgids.get(0), employee, "这只产品保本保收益，年化8%") + "\n"
                + line(msgids.get(1), employee, "明天有内幕消息，跟我买") + "\n"
                + line(msgids.get(2), employee, "<script>alert(1)</script>返佣按月给您");
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).contentType("application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/archive/import").then().statusCode(200);
        String officer = fixtures.token(Roles.OFFICER);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(officer).get("/api/v1/alerts?employee=" + employee)
                .then().extract().jsonPath().getInt("total") >= 3);
        long alerts = given().auth().oauth2(officer).get("/api/v1/alerts?employee=" + employee).then().extract().jsonPath()
                .getLong("total");
        ledger.append();

        JsonPath created = given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("title", "2026年12月合规检查报告", "from", from.toString(), "to", Instant.now().plusSeconds(60).toString(),
                        "employees", List.of(employee)))
                .post("/api/v1/reports").then().statusCode(200).body("status", equalTo("queued")).extract().jsonPath();
        long id = created.getLong("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of("done", "failed").contains(
                given().auth().oauth2(officer).get("/api/v1/reports/" + id).then().extract().jsonPath().getString("status")));
        JsonPath report = given().auth().oauth2(officer).get("/api/v1/reports/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(report.getString("status")).as(report.getString("error")).isEqualTo("done");
        assertThat(report.getLong("totalAlerts")).isEqualTo(alerts);
        assertThat(report.getLong("doneAlerts")).isEqualTo(alerts);

        Files.createDirectories(OUT);
        byte[] zip = download(officer, id, "package.zip", 200);
        assertThat(Sha256.hex(zip)).isEqualTo(report.getString("packageSha256"));
        Path pkg = OUT.resolve("package.zip");
        Files.write(pkg, zip);
        Map<String, byte[]> entries = unzip(zip);
        assertThat(entries).containsKeys("manifest.json", "signature.json", "report/report.pdf", "report/report.xlsx",
                "report/alerts.csv", "report/summary.csv");
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = json.readValue(entries.get("manifest.json"), Map.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> files = (List<Map<String, Object>>) manifest.get("files");
        for (String msgid : msgids) {
            String path = "messages/" + msgid + ".import_line.json";
            assertThat(entries).containsKey(path);
            assertThat(new String(entries.get(path), StandardCharsets.UTF_8)).contains(msgid);
            assertThat(files).filteredOn(f -> path.equals(f.get("path"))).singleElement()
                    .satisfies(f -> assertThat(f.get("ledgerSeq")).as("covered by the ledger").isNotNull());
        }

        String fingerprint = given().auth().oauth2(officer).get("/api/v1/reports/signing-key").then().statusCode(200).extract()
                .jsonPath().getString("fingerprint");
        assertThat(verify(pkg, fingerprint).exit()).isZero();
        assertThat(verify(pkg, "0".repeat(64)).exit()).as("another key").isNotZero();
        // Any changed byte fails verification: in a message, the PDF, the manifest, the signature, the ZIP directory.
        for (int at : positions(zip, entries)) {
            byte[] changed = zip.clone();
            changed[at] ^= 0x20;
            Path tampered = OUT.resolve("tampered.zip");
            Files.write(tampered, changed);
            Verification v = verify(tampered, fingerprint);
            assertThat(v.exit()).as("byte %d changed: %s", at, v.output()).isNotZero();
        }

        // The report's own files, in every format.
        byte[] pdf = download(officer, id, "report.pdf", 200);
        Files.write(OUT.resolve("report.pdf"), pdf);
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("2026年12月合规检查报告").contains("承诺保本、保收益或弥补亏损").contains("内幕消息");
        }
        Process render = new ProcessBuilder("pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "2", OUT.resolve("report.pdf").toString(),
                OUT.resolve("page").toString()).redirectErrorStream(true).start();
        assertThat(render.waitFor()).isZero();
        byte[] csv = download(officer, id, "alerts.csv", 200);
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains(msgids.get(0)).contains("<script>alert(1)</script>返佣按月给您");
        assertThat(download(officer, id, "report.xlsx", 200)).startsWith('P', 'K');

        // Regulators: nothing until it is shared with them, and then only that one.
        String regulator = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        String regulatorToken = fixtures.tokenAs(regulator, Roles.REGULATOR);
        String otherRegulator = fixtures.tokenAs("reg-other-" + UUID.randomUUID().toString().substring(0, 6), Roles.REGULATOR);
        given().auth().oauth2(regulatorToken).get("/api/v1/reports/" + id).then().statusCode(403);
        download(regulatorToken, id, "package.zip", 403);
        given().auth().oauth2(regulatorToken).get("/api/v1/reports/999999999").then().statusCode(403);
        assertThat(given().auth().oauth2(regulatorToken).get("/api/v1/reports").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).doesNotContain(id);
        given().auth().oauth2(regulatorToken).contentType(ContentType.JSON).body(Map.of("regulator", regulator))
                .post("/api/v1/reports/" + id + "/shares").then().statusCode(403);
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("regulator", regulator))
                .post("/api/v1/reports/" + id + "/shares").then().statusCode(200);
        assertThat(given().auth().oauth2(regulatorToken).get("/api/v1/reports").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).contains(id);
        assertThat(download(regulatorToken, id, "package.zip", 200)).isEqualTo(zip);
        download(otherRegulator, id, "package.zip", 403);
        given().auth().oauth2(fixtures.token(Roles.ADVISOR)).get("/api/v1/reports/" + id).then().statusCode(403);
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).get("/api/v1/audit-events?action=report.download").then()
                .statusCode(200).body("actor", org.hamcrest.Matchers.hasItem(regulator));

        // The export itself is in the ledger: the package's hash, under the report.
        ledger.append();
        assertThat(text("select content_sha256 from evidence_ledger where ref = 'report:" + id + "'"))
                .isEqualTo(report.getString("packageSha256"));

        // Downloads stop when they expire.
        execute("update report set expires_at = now() - interval '1 second' where id = " + id);
        given().auth().oauth2(regulatorToken).get("/api/v1/reports/" + id + "/files/package.zip").then().statusCode(410)
                .body("detail", containsString("expired"));
    }

    @Test
    void aBadReportRequestIsRefusedWithTheFieldNamed() {
        String officer = fixtures.token(Roles.OFFICER);
        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("title", "x", "from", "2026-12-02T00:00:00Z", "to", "2026-12-01T00:00:00Z")).post("/api/v1/reports")
                .then().statusCode(400).body("detail", containsString("from"));
        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("title", "x", "from", "2026-12-01T00:00:00Z", "to", "2026-12-02T00:00:00Z", "outcomes", List.of("won")))
                .post("/api/v1/reports").then().statusCode(400).body(containsString("outcomes"));
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("from", "2026-12-01T00:00:00Z"))
                .post("/api/v1/reports").then().statusCode(400).body(containsString("title"));
        given().auth().oauth2(fixtures.token(Roles.REGULATOR)).contentType(ContentType.JSON)
                .body(Map.of("title", "x", "from", "2026-12-01T00:00:00Z", "to", "2026-12-02T00:00:00Z")).post("/api/v1/reports")
                .then().statusCode(403);
    }

    /** Byte positions spread over the package: inside each entry's data and in the ZIP's directory at the end. */
    private static List<Integer> positions(byte[] zip, Map<String, byte[]> entries) {
        var out = new ArrayList<Integer>();
        String text = new String(zip, StandardCharsets.ISO_8859_1);
        for (String name : List.of("manifest.json", "signature.json", "report/report.pdf")) {
            int header = text.indexOf(name);
            out.add(header + name.length() + 40);
        }
        for (int i = 1; i <= 12; i++) {
            out.add((int) ((long) zip.length * i / 13));
        }
        out.add(zip.length - 30);
        return out;
    }

    private record Verification(int exit, String output) {
    }

    private static Verification verify(Path zip, String fingerprint) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "scripts/lib/VerifyPackage.java", "--public-key-fingerprint", fingerprint, zip.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Verification(p.waitFor(), output);
    }

    private byte[] download(String token, long id, String name, int status) {
        return given().auth().oauth2(token).get("/api/v1/reports/" + id + "/files/" + name).then().statusCode(status).extract()
                .asByteArray();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        var out = new java.util.LinkedHashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private void execute(String sql) throws SQLException {
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private String text(String sql) throws SQLException {
        try (var c = dataSource.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
