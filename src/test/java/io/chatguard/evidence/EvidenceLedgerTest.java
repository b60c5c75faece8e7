package io.chatguard.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.platform.storage.Sha256;
import io.chatguard.platform.storage.StorageConfig;
import io.chatguard.security.Roles;
import io.chatguard.security.SecurityFixtures;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The ledger covers what ChatGuard keeps, and its verification finds tampering that bypasses ChatGuard
 * (a write straight to the bucket, an UPDATE with the append-only trigger switched off) with the exact
 * entry, record and bytes concerned. Legal holds stop disposal.
 */
@QuarkusTest
class EvidenceLedgerTest {
    @Inject
    EvidenceLedger ledger;
    @Inject
    LedgerVerifier verifier;
    @Inject
    EvidenceStore store;
    @Inject
    MinioAsyncClient rawClient;
    @Inject
    StorageConfig storage;
    @Inject
    DataSource dataSource;
    @Inject
    SecurityFixtures fixtures;

    /** A message imported through the API (its import line becomes evidence) whose text raises an alert. */
    private record Imported(String msgid, long id) {
    }

    private Imported importViolation() throws SQLException {
        String msgid = "ev-" + UUID.randomUUID();
        String line = "{\"msgid\":\"" + msgid + "\",\"action\":\"send\",\"from\":\"adv-ledger\",\"tolist\":[\"wmC\"],"
                + "\"roomid\":\"\",\"msgtime\":1764547200000,\"msgtype\":\"text\",\"text\":{\"content\":\"保本保收益，放心买\"}}";
        given().auth().oauth2(fixtures.token(Roles.ADMIN)).contentType("application/x-ndjson")
                .body(line.getBytes(StandardCharsets.UTF_8)).post("/api/v1/archive/import").then().statusCode(200);
        long id = scalar("select id from chat_message where msgid = '" + msgid + "'");
        await().atMost(Duration.ofSeconds(20)).until(() -> scalar("select count(*) from alert_event e join alert a on a.id = e.alert_id"
                + " where a.message_id = " + id) > 0);
        return new Imported(msgid, id);
    }

    private VerificationView verifyFrom(long seq) {
        long id = verifier.start(seq, 100, "officer-test").id();
        await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(verifier.get(id).status()));
        return verifier.get(id);
    }

    @Test
    void tamperingWithAnObjectOrALedgerRowIsFoundWithTheEntryAndTheBytesConcerned() throws Exception {
        Imported m = importViolation();
        ledger.append();
        String evidenceRef = "message_evidence:" + m.id() + "/import_line";
        long evidenceSeq = scalar("select seq from evidence_ledger where ref = '" + evidenceRef + "'");
        long eventId = scalar("select min(e.id) from alert_event e join alert a on a.id = e.alert_id where a.message_id = " + m.id());
        String eventRef = "alert_event:" + eventId;
        long eventSeq = scalar("select seq from evidence_ledger where ref = '" + eventRef + "'");
        long from = Math.min(evidenceSeq, eventSeq);

        // The alert event's row is also copied out of the database, next to its ledger entry.
        String copy;
        try (var keys = store.list(EvidenceLedger.RECORDS + "alert_event/")) {
            copy = keys.map(o -> {
                try (InputStream in = store.get(o.key())) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).flatMap(String::lines).filter(l -> l.startsWith("{\"seq\":" + eventSeq + ",\"ref\":\"" + eventRef + "\""))
                    .findFirst().orElseThrow();
        }
        String content = copy.substring(copy.indexOf("\"content\":") + 10, copy.length() - 1);
        assertThat(Sha256.hex(content)).isEqualTo(text("select content_sha256 from evidence_ledger where seq = " + eventSeq));

        VerificationView clean = verifyFrom(from);
        assertThat(clean.breaks()).as("before any tampering").filteredOn(b -> b.seq() != null && b.seq() >= from).isEmpty();
        assertThat(clean.objectsRehashed()).isPositive();

        String key = text("select object_key from message_evidence where message_id = " + m.id());
        long offset = scalar("select byte_offset from message_evidence where message_id = " + m.id());
        long length = scalar("select byte_length from message_evidence where message_id = " + m.id());
        String sliceSha = text("select sha256 from message_evidence where message_id = " + m.id());
        String objectSha = store.stat(key).orElseThrow().sha256();
        byte[] original;
        try (InputStream in = store.get(key)) {
            original = in.readAllBytes();
        }
        String recordedContent = text("select content_sha256 from evidence_ledger where seq = " + eventSeq);
        try {
            // Straight to the bucket, as someone with the storage keys could: one byte of the message changes.
            byte[] changed = original.clone();
            changed[(int) offset + 2] ^= 0x01;
            rawPut(key, changed, objectSha);
            // And a ledger row, with the append-only trigger switched off by the table's owner.
            execute("alter table evidence_ledger disable trigger evidence_ledger_append_only;"
                    + " update evidence_ledger set content_sha256 = '" + "f".repeat(64) + "' where seq = " + eventSeq + ";"
                    + " alter table evidence_ledger enable trigger evidence_ledger_append_only");

            VerificationView broken = verifyFrom(from);

            assertThat(broken.status()).isEqualTo("failed");
            String changedSha = Sha256.hex(java.util.Arrays.copyOfRange(changed, (int) offset, (int) (offset + length)));
            assertThat(broken.breaks()).contains(
                    new VerificationView.Break(evidenceSeq, evidenceRef, "the object's bytes changed: " + key + " bytes ["
                            + offset + ", " + (offset + length) + ")", sliceSha, changedSha),
                    new VerificationView.Break(eventSeq, eventRef, "the record changed after it was recorded", "f".repeat(64),
                            recordedContent));
            assertThat(broken.breaks()).anySatisfy(b -> {
                assertThat(b.seq()).isEqualTo(eventSeq);
                assertThat(b.problem()).isEqualTo("the entry's hash does not match what it says");
            });
            // Over HTTP, for an officer.
            given().auth().oauth2(fixtures.token(Roles.OFFICER)).get("/api/v1/evidence/verifications/" + broken.id()).then()
                    .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("failed"))
                    .body("breaks.ref", org.hamcrest.Matchers.hasItems(evidenceRef, eventRef));
        } finally {
            rawPut(key, original, objectSha);
            execute("alter table evidence_ledger disable trigger evidence_ledger_append_only;"
                    + " update evidence_ledger set content_sha256 = '" + recordedContent + "' where seq = " + eventSeq + ";"
                    + " alter table evidence_ledger enable trigger evidence_ledger_append_only");
        }
        assertThat(verifyFrom(from).breaks()).as("restored").filteredOn(b -> b.seq() != null && b.seq() >= from).isEmpty();
    }

    @Test
    void theLedgerIsAppendOnlyAndAnAnchorCatchesARewrittenChain() throws Exception {
        importViolation();
        ledger.append();
        long head = ledger.head().seq();
        assertThat(head).isPositive();
        assertThat(catchSql("delete from evidence_ledger where seq = " + head)).contains("append-only");
        assertThat(catchSql("update evidence_ledger set ref = 'x' where seq = " + head)).contains("append-only");

        String anchor = ledger.anchor().orElseThrow();
        String anchored = ledger.head().entryHash();
        assertThat(anchor).endsWith(String.format("%020d", ledger.head().seq()) + ".json");
        long anchoredSeq = ledger.head().seq();
        try {
            // A chain recomputed from scratch would be self-consistent; only the anchor can tell.
            execute("alter table evidence_ledger disable trigger evidence_ledger_append_only;"
                    + " update evidence_ledger set entry_hash = '" + "0".repeat(64) + "' where seq = " + anchoredSeq + ";"
                    + " alter table evidence_ledger enable trigger evidence_ledger_append_only");
            VerificationView v = verifyFrom(anchoredSeq);
            assertThat(v.breaks()).contains(new VerificationView.Break(anchoredSeq, anchor,
                    "the ledger differs from what was anchored", anchored, "0".repeat(64)));
        } finally {
            execute("alter table evidence_ledger disable trigger evidence_ledger_append_only;"
                    + " update evidence_ledger set entry_hash = '" + anchored + "' where seq = " + anchoredSeq + ";"
                    + " alter table evidence_ledger enable trigger evidence_ledger_append_only");
        }
    }

    @Test
    void anObjectUnderLegalHoldCannotBeDeletedThroughChatGuard() throws Exception {
        Imported m = importViolation();
        String key = text("select object_key from message_evidence where message_id = " + m.id());
        String officer = fixtures.token(Roles.OFFICER);
        String admin = fixtures.token(Roles.ADMIN);

        List<Map<String, Object>> holds = given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("msgid", m.msgid(), "reason", "证监会调查函 2026-118")).post("/api/v1/evidence/holds").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertThat(holds).extracting(h -> h.get("objectKey")).contains(key);
        long holdId = ((Number) holds.stream().filter(h -> key.equals(h.get("objectKey"))).findFirst().orElseThrow().get("id"))
                .longValue();

        given().auth().oauth2(admin).queryParam("key", key).queryParam("reason", "retention over")
                .delete("/api/v1/evidence/objects").then().statusCode(409).body("detail", containsString("legal hold " + holdId));
        given().auth().oauth2(officer).queryParam("key", key).queryParam("reason", "x").delete("/api/v1/evidence/objects").then()
                .statusCode(403);
        given().auth().oauth2(fixtures.token(Roles.REGULATOR)).contentType(ContentType.JSON)
                .body(Map.of("objectKey", key, "reason", "x")).post("/api/v1/evidence/holds").then().statusCode(403);
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("objectKey", key, "reason", "again"))
                .post("/api/v1/evidence/holds").then().statusCode(409);
        assertThat(store.stat(key)).isPresent();
        // Requests that cannot be carried out say why; nothing is held or removed by them.
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("reason", "x")).post("/api/v1/evidence/holds")
                .then().statusCode(400).body("detail", containsString("objectKey or msgid"));
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("objectKey", key)).post("/api/v1/evidence/holds")
                .then().statusCode(400).body("detail", containsString("reason"));
        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(Map.of("objectKey", "no/such/object-" + UUID.randomUUID(), "reason", "x")).post("/api/v1/evidence/holds")
                .then().statusCode(404);
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("objectPercent", 101))
                .post("/api/v1/evidence/verifications").then().statusCode(400).body("detail", containsString("objectPercent"));
        assertThat(given().auth().oauth2(officer).queryParam("objectKey", key).get("/api/v1/evidence/holds").then().statusCode(200)
                .extract().jsonPath().getList("id")).hasSize(1);

        // Released, the object is still within its 20-year retention.
        given().auth().oauth2(officer).contentType(ContentType.JSON).body(Map.of("note", "调查结束"))
                .post("/api/v1/evidence/holds/" + holdId + "/release").then().statusCode(200);
        given().auth().oauth2(admin).queryParam("key", key).queryParam("reason", "retention over")
                .delete("/api/v1/evidence/objects").then().statusCode(409).body("detail", containsString("retained until"));
        assertThat(store.stat(key)).isPresent();
    }

    private void rawPut(String key, byte[] content, String recordedSha) throws Exception {
        rawClient.putObject(PutObjectArgs.builder().bucket(storage.bucket()).object(key)
                .stream(new ByteArrayInputStream(content), (long) content.length, -1L).userMetadata(Map.of("sha256", recordedSha))
                .build()).get();
    }

    private String catchSql(String sql) {
        try {
            execute(sql);
            return "no error";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private void execute(String sql) throws SQLException {
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long scalar(String sql) throws SQLException {
        try (var c = dataSource.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String text(String sql) throws SQLException {
        try (var c = dataSource.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
