package io.chatguard.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chatguard.archive.StoreBatch.SeqGap;

class ChatDataResponseTest {

    @Test
    void eachRecordKeepsTheExactBytesItHadInTheResponse() throws IOException {
        String first = "{\"seq\":196,\"msgid\":\"CAQQ2fbb4QUY0On2rYSAgAMgip/yzgs=\",\"publickey_ver\":3,"
                + "\"encrypt_random_key\":\"a2V5\",\"encrypt_chat_msg\":\"bXNn\"}";
        String second = "{ \"seq\" : 197, \"msgid\":\"m2\",\"publickey_ver\":4,\"encrypt_random_key\":\"azI=\","
                + "\"encrypt_chat_msg\":\"bTI=\", \"extra\": {\"nested\": [1, 2]} }";
        String body = "{\"errcode\":0,\"errmsg\":\"ok\",\"chatdata\":[" + first + ",\n  " + second + "]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        ChatDataResponse response = ChatDataResponse.parse(bytes);

        assertThat(response.errcode()).isZero();
        assertThat(response.records()).extracting(ChatDataRecord::seq, ChatDataRecord::msgid,
                ChatDataRecord::publickeyVer).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(196L, "CAQQ2fbb4QUY0On2rYSAgAMgip/yzgs=", 3),
                        org.assertj.core.groups.Tuple.tuple(197L, "m2", 4));
        assertThat(response.records()).extracting(r -> new String(bytes, r.offset(), r.length(), StandardCharsets.UTF_8))
                .containsExactly(first, second);
    }

    @Test
    void serverErrorsAndEmptyBatchesAreRead() throws IOException {
        ChatDataResponse expired = ChatDataResponse.parse(
                "{\"errcode\":301052,\"errmsg\":\"archive subscription expired\"}".getBytes(StandardCharsets.UTF_8));
        ChatDataResponse empty = ChatDataResponse.parse(
                "{\"errcode\":0,\"errmsg\":\"ok\",\"chatdata\":[]}".getBytes(StandardCharsets.UTF_8));

        assertThat(expired.errcode()).isEqualTo(301052);
        assertThat(expired.records()).isEmpty();
        assertThat(empty.records()).isEmpty();
    }

    @Test
    void malformedResponsesAreErrorsNotCrashes() {
        for (String bad : List.of("", "[]", "{\"chatdata\":{}}", "{\"chatdata\":[{\"msgid\":\"no seq\"}]}",
                "{\"errcode\":0,\"chatdata\":[{\"seq\":1,")) {
            assertThatThrownBy(() -> ChatDataResponse.parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void seqGapsBetweenTheCursorAndTheRecordsAreReported() {
        List<ChatDataRecord> records = List.of(record(11), record(12), record(15), record(16), record(20));

        assertThat(ArchiveIngestService.gaps(10, records)).containsExactly(new SeqGap(13, 14), new SeqGap(17, 19));
        assertThat(ArchiveIngestService.gaps(7, records)).containsExactly(new SeqGap(8, 10), new SeqGap(13, 14),
                new SeqGap(17, 19));
        assertThat(ArchiveIngestService.gaps(10, List.of(record(11), record(12)))).isEmpty();
    }

    private static ChatDataRecord record(long seq) {
        return new ChatDataRecord(seq, "m" + seq, 1, "k", "m", 0, 0);
    }
}
