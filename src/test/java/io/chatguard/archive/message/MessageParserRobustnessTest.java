package io.chatguard.archive.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.chatguard.archive.message.MessageContent.ChatRecord;
import io.chatguard.archive.message.MessageContent.Image;
import io.chatguard.archive.message.MessageContent.Mixed;
import io.chatguard.archive.message.MessageContent.Text;
import io.chatguard.archive.message.MessageContent.Unknown;

/** Records that are damaged, unusual or hostile: kept and flagged where possible, rejected with a reason otherwise. */
class MessageParserRobustnessTest {
    private static final String ENVELOPE = "\"action\":\"send\",\"from\":\"zhangwei\",\"tolist\":[\"lisi\"],"
            + "\"roomid\":\"\",\"msgtime\":1718246400123,";

    private final MessageParser parser = new MessageParser();

    private static String textRecord(String contentLiteral) {
        return "{\"msgid\":\"m-ctl\"," + ENVELOPE + "\"msgtype\":\"text\",\"text\":{\"content\":\"" + contentLiteral
                + "\"}}";
    }

    @Test
    void rawControlCharInsideTextIsEscapedAndKept() throws MessageParseException {
        ParsedMessage msg = parser.parse(textRecord("保本\u0001收益"));

        assertThat(msg).extracting(ParsedMessage::text, ParsedMessage::flags)
                .containsExactly("保本\u0001收益", Set.of(ParsedMessage.FLAG_CONTROL_CHARS_ESCAPED));
        assertThat(msg.rawJson()).contains("保本\\u0001收益");
    }

    @Test
    void rawNewlineInsideTextIsEscapedAndKept() throws MessageParseException {
        ParsedMessage msg = parser.parse(textRecord("第一行\n第二行\r\n第三行"));

        assertThat(msg).extracting(ParsedMessage::content, ParsedMessage::flags)
                .containsExactly(new Text("第一行\n第二行\r\n第三行"), Set.of(ParsedMessage.FLAG_CONTROL_CHARS_ESCAPED));
    }

    @Test
    void prettyPrintedJsonIsNotFlagged() throws MessageParseException {
        String json = "{\n  \"msgid\": \"m-pretty\",\n\t\"action\": \"send\",\r\n  \"msgtime\": 1,\n"
                + "  \"msgtype\": \"text\",\n  \"text\": {\"content\": \"你好\"}\n}\n";

        ParsedMessage msg = parser.parse(json);

        assertThat(msg).extracting(ParsedMessage::text, ParsedMessage::flags, ParsedMessage::rawJson)
                .containsExactly("你好", Set.of(), json);
    }

    @Test
    void strayControlCharsBetweenTokensAreDropped() throws MessageParseException {
        ParsedMessage msg = parser.parse("\u0000" + textRecord("你好") + "\u0000\u001a");

        assertThat(msg).extracting(ParsedMessage::text, ParsedMessage::flags)
                .containsExactly("你好", Set.of(ParsedMessage.FLAG_CONTROL_CHARS_ESCAPED));
    }

    @Test
    void rawControlCharsInsideNestedContentAreEscapedToo() throws MessageParseException {
        // The outer JSON escapes the tab correctly, so the nested document holds a raw tab inside a string.
        String json = "{\"msgid\":\"m-nested-ctl\"," + ENVELOPE + "\"msgtype\":\"mixed\",\"mixed\":{\"item\":["
                + "{\"type\":\"text\",\"content\":\"{\\\"content\\\":\\\"稳赚\\t不赔\\\"}\"}]}}";

        ParsedMessage msg = parser.parse(json);

        assertThat(msg).extracting(ParsedMessage::text, ParsedMessage::flags)
                .containsExactly("稳赚\t不赔", Set.of(ParsedMessage.FLAG_CONTROL_CHARS_ESCAPED));
    }

    @Test
    void invalidNestedContentIsKeptAsRawTextAndFlagged() {
        ParsedMessage msg = WecomFixtures.parse("mixed_invalid_nested.json");

        assertThat(msg).extracting(ParsedMessage::content, ParsedMessage::text, ParsedMessage::flags)
                .containsExactly(
                        new Mixed(List.of(new Mixed.Item("text", new Unknown("text", null, "{\"content\":\"截断的内容")),
                                new Mixed.Item("text", new Text("后面这条是完整的")))),
                        "{\"content\":\"截断的内容\n后面这条是完整的",
                        Set.of(ParsedMessage.FLAG_NESTED_CONTENT_INVALID));
    }

    @Test
    void nestedContentThatIsNotAnObjectIsInvalid() throws MessageParseException {
        String json = "{\"msgid\":\"m-scalar\"," + ENVELOPE + "\"msgtype\":\"chatrecord\",\"chatrecord\":{"
                + "\"title\":\"记录\",\"item\":[{\"type\":\"ChatRecordText\",\"msgtime\":1718240000,"
                + "\"content\":\"加我私人微信\"}]}}";

        ParsedMessage msg = parser.parse(json);

        assertThat(msg).extracting(ParsedMessage::text, ParsedMessage::flags)
                .containsExactly("记录\n加我私人微信", Set.of(ParsedMessage.FLAG_NESTED_CONTENT_INVALID));
    }

    @Test
    void unknownMsgtypeIsKeptRawAndFlagged() {
        ParsedMessage msg = WecomFixtures.parse("unknown.json");
        Unknown unknown = (Unknown) msg.content();

        assertThat(msg).extracting(ParsedMessage::msgtype, ParsedMessage::text, ParsedMessage::media,
                ParsedMessage::flags)
                .containsExactly("hongbao_v2", "", List.of(), Set.of(ParsedMessage.FLAG_UNKNOWN_MSGTYPE));
        assertThat(unknown).extracting(Unknown::msgtype, u -> u.body().path("note").asText(), Unknown::raw)
                .containsExactly("hongbao_v2", "新类型消息", "{\"note\":\"新类型消息\",\"amount\":100}");
    }

    @Test
    void unknownNestedItemTypeIsKeptAndFlagged() throws MessageParseException {
        String json = "{\"msgid\":\"m-unknown-item\"," + ENVELOPE + "\"msgtype\":\"mixed\",\"mixed\":{\"item\":["
                + "{\"type\":\"hologram\",\"content\":\"{\\\"frames\\\":3}\"}]}}";

        ParsedMessage msg = parser.parse(json);

        assertThat(msg.flags()).containsExactly(ParsedMessage.FLAG_UNKNOWN_MSGTYPE);
        assertThat(((Mixed) msg.content()).items().get(0).content())
                .isInstanceOfSatisfying(Unknown.class, u -> assertThat(u.raw()).isEqualTo("{\"frames\":3}"));
    }

    @Test
    void missingMsgidIsRejected() {
        assertThatThrownBy(() -> parser.parse("{\"action\":\"send\",\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}"))
                .isInstanceOfSatisfying(MessageParseException.class,
                        e -> assertThat(e.reason()).isEqualTo("missing_msgid"));
    }

    @Test
    void jsonThatIsNotAnObjectIsRejectedAsMissingMsgid() {
        assertThatThrownBy(() -> parser.parse("[{\"msgid\":\"m1\"}]"))
                .isInstanceOfSatisfying(MessageParseException.class,
                        e -> assertThat(e.reason()).isEqualTo("missing_msgid"));
    }

    @Test
    void invalidJsonIsRejected() {
        assertThatThrownBy(() -> parser.parse("{\"msgid\":\"m1\",\"msgtype\":\"text\",\"text\":{\"content\":\"断"))
                .isInstanceOfSatisfying(MessageParseException.class,
                        e -> assertThat(e.reason()).isEqualTo("invalid_json"));
    }

    @Test
    void trailingGarbageIsInvalidJson() {
        assertThatThrownBy(() -> parser.parse(textRecord("你好") + " }{"))
                .isInstanceOfSatisfying(MessageParseException.class,
                        e -> assertThat(e.reason()).isEqualTo("invalid_json"));
    }

    @Test
    void emptyRecordIsInvalidJson() {
        assertThatThrownBy(() -> parser.parse("  \n"))
                .isInstanceOfSatisfying(MessageParseException.class,
                        e -> assertThat(e.reason()).isEqualTo("invalid_json"));
    }

    @Test
    void recordWithoutMsgtypeIsRejected() {
        assertThatThrownBy(() -> parser.parse("{\"msgid\":\"m-no-type\"," + ENVELOPE + "\"text\":{\"content\":\"x\"}}"))
                .isInstanceOfSatisfying(MessageParseException.class,
                        e -> assertThat(e.reason()).isEqualTo("missing_msgtype"));
    }

    @Test
    void missingMsgtimeTolistAndRoomidAreDefaultedAndFlagged() throws MessageParseException {
        ParsedMessage msg = parser.parse(
                "{\"msgid\":\"m-sparse\",\"action\":\"send\",\"from\":\"zhangwei\",\"msgtype\":\"text\","
                        + "\"text\":{\"content\":\"在吗\"}}");

        assertThat(msg).extracting(ParsedMessage::msgtime, ParsedMessage::tolist, ParsedMessage::roomid,
                ParsedMessage::text, ParsedMessage::flags)
                .containsExactly(Instant.EPOCH, List.of(), "", "在吗", Set.of(ParsedMessage.FLAG_MISSING_MSGTIME));
    }

    @Test
    void missingBodyFieldsBecomeNullsAndNoMedia() throws MessageParseException {
        ParsedMessage msg = parser.parse("{\"msgid\":\"m-empty-image\"," + ENVELOPE + "\"msgtype\":\"image\",\"image\":{}}");

        assertThat(msg).extracting(ParsedMessage::content, ParsedMessage::text, ParsedMessage::media)
                .containsExactly(new Image(null, null, null), "", List.of());
    }

    @Test
    void mistypedFieldsAreReadLeniently() throws MessageParseException {
        ParsedMessage msg = parser.parse("{\"msgid\":\"m-strings\"," + ENVELOPE + "\"msgtype\":\"image\",\"image\":"
                + "{\"md5sum\":null,\"filesize\":\"70961\",\"sdkfileid\":\"CtYB_str\"}}");

        assertThat(msg.media()).containsExactly(new MediaRef(0, "image", "CtYB_str", "", 70961, "jpg"));
    }

    @Test
    void nestingUpToTheLimitIsParsed() throws Exception {
        ParsedMessage msg = parser.parse(nestedMixed(ContentReader.MAX_DEPTH));

        assertThat(msg).extracting(ParsedMessage::text, ParsedMessage::flags).containsExactly("深处的文字", Set.of());
    }

    @Test
    void nestingBeyondTheLimitIsKeptRawAndFlagged() throws Exception {
        ParsedMessage msg = parser.parse(nestedMixed(ContentReader.MAX_DEPTH + 1));

        assertThat(msg).extracting(ParsedMessage::text, ParsedMessage::flags)
                .containsExactly("{\"content\":\"深处的文字\"}", Set.of(ParsedMessage.FLAG_NESTING_TOO_DEEP));
    }

    @Test
    void deeplyNestedObjectContentStopsAtTheLimit() throws Exception {
        // Content given as objects (not strings) costs no escaping, so an attacker could nest it very deeply.
        String body = "{\"content\":\"深处的文字\"}";
        for (int i = 0; i < 300; i++) {
            body = "{\"title\":\"第" + i + "层\",\"item\":[{\"type\":\"ChatRecordChatRecord\",\"content\":" + body + "}]}";
        }
        String json = "{\"msgid\":\"m-deep-objects\"," + ENVELOPE + "\"msgtype\":\"chatrecord\",\"chatrecord\":" + body
                + "}";

        ParsedMessage msg = parser.parse(json);

        assertThat(msg.flags()).containsExactly(ParsedMessage.FLAG_NESTING_TOO_DEEP);
        assertThat(msg.content()).isInstanceOf(ChatRecord.class);
    }

    @Test
    void oneParserIsSafeToShareAcrossThreads() throws Exception {
        List<String> fixtures = List.of("text.json", "mixed.json", "chatrecord_nested.json", "vote.json",
                "meeting_voice_call.json", "unknown.json");
        List<ParsedMessage> expected = fixtures.stream().map(WecomFixtures::parse).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<List<ParsedMessage>>> runs = IntStream.range(0, 32)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> fixtures.stream().map(f -> {
                        try {
                            return parser.parse(WecomFixtures.read(f));
                        } catch (MessageParseException e) {
                            throw new IllegalStateException(e);
                        }
                    }).toList(), pool))
                    .toList();
            for (CompletableFuture<List<ParsedMessage>> run : runs) {
                assertThat(run.get()).containsExactlyElementsOf(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A mixed record whose innermost text item sits {@code levels} items deep. */
    private static String nestedMixed(int levels) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        String content = mapper.writeValueAsString(Map.of("content", "深处的文字"));
        String type = "text";
        for (int i = 1; i < levels; i++) {
            content = mapper.writeValueAsString(Map.of("item", List.of(Map.of("type", type, "content", content))));
            type = "mixed";
        }
        String body = mapper.writeValueAsString(Map.of("item", List.of(Map.of("type", type, "content", content))));
        return "{\"msgid\":\"m-deep\"," + ENVELOPE + "\"msgtype\":\"mixed\",\"mixed\":" + body + "}";
    }
}
