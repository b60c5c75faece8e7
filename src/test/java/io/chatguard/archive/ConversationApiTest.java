package io.chatguard.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.platform.storage.Sha256;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The conversation around a message and its media, for officers, each read audited. */
@QuarkusTest
class ConversationApiTest {
    @Inject
    DataSource dataSource;
    @Inject
    EvidenceStore evidence;
    @Inject
    SecurityFixtures fixtures;

    private final List<String> msgids = new ArrayList<>();

    /** A group chat of {@code n} messages a minute apart; returns its room id. */
    private String room(int n) throws SQLException {
        String room = "wr" + UUID.randomUUID().toString().substring(0, 8);
        try (var c = dataSource.getConnection()) {
            long conversation;
            try (var ps = c.prepareStatement("insert into conversation (conversation_key, roomid, kind) values (?, ?, 'group')"
                    + " returning id")) {
                ps.setString(1, "room:" + room);
                ps.setString(2, room);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    conversation = rs.getLong(1);
                }
            }
            Instant t0 = Instant.parse("2026-11-30T09:00:00Z");
            for (int i = 0; i < n; i++) {
                String msgid = room + "-" + i;
                try (var ps = c.prepareStatement("insert into chat_message (msgid, action, sender, tolist, roomid, conversation_id,"
                        + " msgtime, msgtype, content_text, raw, source) values (?, 'send', ?, '{wmClient}', ?, ?, ?, 'text', ?,"
                        + " '{}'::jsonb, 'import')")) {
                    ps.setString(1, msgid);
                    ps.setString(2, i % 2 == 0 ? "zhangwei" : "wmClient");
                    ps.setString(3, room);
                    ps.setLong(4, conversation);
                    ps.setTimestamp(5, Timestamp.from(t0.plusSeconds(60L * i)));
                    ps.setString(6, "第" + i + "条");
                    ps.executeUpdate();
                }
                msgids.add(msgid);
            }
        }
        return room;
    }

    @Test
    void theConversationAroundAMessageComesInTimeOrderAndTheReadIsAudited() throws SQLException {
        room(9);
        String officer = fixtures.tokenAs("wangfang", Roles.OFFICER);

        JsonPath view = given().auth().oauth2(officer).get("/api/v1/messages/" + msgids.get(4) + "/conversation?around=2")
                .then().statusCode(200).extract().jsonPath();

        assertThat(view.getList("messages.msgid", String.class)).containsExactlyElementsOf(msgids.subList(2, 7));
        assertThat(view.getList("messages.text", String.class)).containsExactly("第2条", "第3条", "第4条", "第5条", "第6条");
        List<Map<String, Object>> audit = given().auth().oauth2(fixtures.token(Roles.ADMIN))
                .get("/api/v1/audit-events?action=conversation.read&actor=wangfang").then().statusCode(200).extract()
                .jsonPath().getList("$");
        assertThat(audit).extracting(e -> e.get("targetId")).contains(msgids.get(4));
        given().auth().oauth2(officer).get("/api/v1/messages/no-such-message/conversation").then().statusCode(404)
                .body("type", equalTo("urn:chatguard:problem:message-not-found"));
        given().auth().oauth2(officer).get("/api/v1/messages/" + msgids.get(4) + "/conversation?around=51").then()
                .statusCode(400);
    }

    @Test
    void aStoredMediaFileDownloadsWithItsHashAndAFailedOneIsExplained() throws SQLException {
        room(1);
        String msgid = msgids.get(0);
        byte[] content = "一张截图".getBytes(StandardCharsets.UTF_8);
        String key = "test/media/" + UUID.randomUUID();
        evidence.put(key, content, "application/octet-stream");
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("insert into media_object (message_id, item_index,"
                + " kind, sdkfileid, md5sum, size, object_key, sha256, status, attempts, error) select id, ?, 'image', 'f', '',"
                + " ?, ?, ?, ?, 1, ? from chat_message where msgid = ?")) {
            for (int i = 0; i < 2; i++) {
                ps.setInt(1, i);
                ps.setLong(2, content.length);
                ps.setString(3, i == 0 ? key : null);
                ps.setString(4, i == 0 ? Sha256.hex(content) : null);
                ps.setString(5, i == 0 ? "stored" : "failed");
                ps.setString(6, i == 0 ? null : "md5 mismatch after 3 attempts");
                ps.setString(7, msgid);
                ps.executeUpdate();
            }
        }
        String officer = fixtures.token(Roles.OFFICER);

        var download = given().auth().oauth2(officer).get("/api/v1/messages/" + msgid + "/media/0").then().statusCode(200)
                .extract();
        assertThat(download.asByteArray()).isEqualTo(content);
        assertThat(download.header("X-Content-SHA256")).isEqualTo(Sha256.hex(content));
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + msgid + "-0-image\"");
        given().auth().oauth2(officer).get("/api/v1/messages/" + msgid + "/media/1").then().statusCode(404)
                .body("detail", equalTo("media 1 of message " + msgid + " was not stored: md5 mismatch after 3 attempts"));
        given().auth().oauth2(officer).get("/api/v1/messages/" + msgid + "/media/7").then().statusCode(404);
        given().get("/api/v1/messages/" + msgid + "/media/0").then().statusCode(401);
        given().auth().oauth2(fixtures.token(Roles.ADVISOR)).get("/api/v1/messages/" + msgid + "/media/0").then()
                .statusCode(403);
    }
}
