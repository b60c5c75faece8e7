package io.chatguard.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.platform.storage.Sha256;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ArchiveApiTest {

    @Inject
    SecurityFixtures fixtures;

    @Inject
    EvidenceStore evidence;

    @Test
    void importKeepsGoodLinesRejectsBadOnesWithTheirLineNumbersAndIsIdempotent() {
        String id = UUID.randomUUID().toString();
        String text = "{\"msgid\":\"imp-text-" + id + "\",\"action\":\"send\",\"from\":\"zhangwei\",\"tolist\":[\"wmClientA\"],"
                + "\"roomid\":\"\",\"msgtime\":1732240000000,\"msgtype\":\"text\",\"text\":{\"content\":\"这只基金保本保收益\"}}";
        String mixed = "{\"msgid\":\"imp-mixed-" + id + "\",\"action\":\"send\",\"from\":\"HeMiao\",\"tolist\":[\"a\",\"b\"],"
                + "\"roomid\":\"wr_room_" + id + "\",\"msgtime\":1577414359072,\"msgtype\":\"mixed\",\"mixed\":{\"item\":["
                + "{\"type\":\"text\",\"content\":\"{\\\"content\\\":\\\"你好[微笑]\\\\n\\\"}\"}]}}";
        String switchRecord = "{\"msgid\":\"imp-switch-" + id + "\",\"action\":\"switch\",\"time\":1554119421840,"
                + "\"user\":\"XuJinSheng\"}";
        byte[] invalidUtf8 = {'{', '"', 'm', (byte) 0xff, '"', '}'};
        byte[] body = lines(text, "", "{not json", mixed, "{\"action\":\"send\",\"msgtype\":\"text\"}", switchRecord,
                invalidUtf8);
        String admin = fixtures.token(Roles.ADMIN);

        JsonPath first = given().auth().oauth2(admin).contentType("application/x-ndjson").body(body)
                .when().post("/api/v1/archive/import")
                .then().statusCode(200).extract().jsonPath();
        JsonPath second = given().auth().oauth2(admin).contentType("application/x-ndjson").body(body)
                .when().post("/api/v1/archive/import")
                .then().statusCode(200).extract().jsonPath();

        assertThat(first.getInt("imported")).isEqualTo(3);
        assertThat(first.getInt("duplicates")).isZero();
        assertThat(first.getList("rejected.line", Integer.class)).containsExactly(3, 5, 7);
        assertThat(first.getList("rejected.error", String.class)).satisfiesExactly(
                e -> assertThat(e).startsWith("invalid_json"),
                e -> assertThat(e).startsWith("missing_msgid"),
                e -> assertThat(e).startsWith("invalid_utf8"));
        assertThat(second.getInt("imported")).isZero();
        assertThat(second.getInt("duplicates")).isEqualTo(3);
        assertThat(second.getList("rejected.line", Integer.class)).containsExactly(3, 5, 7);
    }

    @Test
    void importedMessageIsReadableWithItsEvidenceSlice() throws Exception {
        String msgid = "imp-read-" + UUID.randomUUID();
        String line = "{\"msgid\":\"" + msgid + "\",\"action\":\"send\",\"from\":\"liting\",\"tolist\":[\"wmX\"],"
                + "\"roomid\":\"\",\"msgtime\":1732240000000,\"msgtype\":\"text\","
                + "\"text\":{\"content\":\"<script>alert('x')</script> 内幕消息\"}}";
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).contentType("application/x-ndjson")
                .body(line.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/archive/import").then().statusCode(200).body("imported", equalTo(1));

        JsonPath message = given().auth().oauth2(fixtures.token(Roles.OFFICER))
                .get("/api/v1/messages/" + msgid).then().statusCode(200).extract().jsonPath();

        assertThat(message.getString("text")).isEqualTo("<script>alert('x')</script> 内幕消息");
        assertThat(message.getString("from")).isEqualTo("liting");
        assertThat(message.getString("evidence[0].kind")).isEqualTo("import_line");
        byte[] object;
        try (InputStream in = evidence.get(message.getString("evidence[0].objectKey"))) {
            object = in.readAllBytes();
        }
        int offset = message.getInt("evidence[0].offset");
        byte[] slice = Arrays.copyOfRange(object, offset, offset + message.getInt("evidence[0].length"));
        assertThat(new String(slice, StandardCharsets.UTF_8)).isEqualTo(line);
        assertThat(Sha256.hex(slice)).isEqualTo(message.getString("evidence[0].sha256"));
    }

    @Test
    void emptyImportIs400AndOnlyAdminsMayImportOrSeeIngestStatus() {
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).contentType("application/x-ndjson").body(new byte[0])
                .post("/api/v1/archive/import")
                .then().statusCode(400).body("type", equalTo("urn:chatguard:problem:bad-request"));
        given().contentType("application/x-ndjson").body("{}".getBytes(StandardCharsets.UTF_8)).post("/api/v1/archive/import").then().statusCode(401);
        given().auth().oauth2(fixtures.token(Roles.OFFICER)).contentType("application/x-ndjson").body("{}".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/archive/import").then().statusCode(403);
        given().auth().oauth2(fixtures.token(Roles.OFFICER)).get("/api/v1/ingest/status").then().statusCode(403);
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).get("/api/v1/ingest/status")
                .then().statusCode(200)
                .body("keyVersions.size()", equalTo(2));
    }

    /** Joins lines with newlines: strings as UTF-8, byte arrays verbatim (to send invalid UTF-8). */
    private static byte[] lines(Object... lines) {
        var out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.write('\n');
            }
            out.writeBytes(lines[i] instanceof byte[] raw ? raw : lines[i].toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
