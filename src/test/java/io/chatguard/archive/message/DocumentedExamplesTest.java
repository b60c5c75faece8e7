package io.chatguard.archive.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.chatguard.archive.message.MessageContent.Agree;
import io.chatguard.archive.message.MessageContent.ChatRecord;
import io.chatguard.archive.message.MessageContent.File;
import io.chatguard.archive.message.MessageContent.Image;
import io.chatguard.archive.message.MessageContent.Mixed;
import io.chatguard.archive.message.MessageContent.Revoke;
import io.chatguard.archive.message.MessageContent.Switch;
import io.chatguard.archive.message.MessageContent.Text;

/** The examples WeCom documents (domain.md section 1), stored verbatim under {@code src/test/resources/wecom/}. */
class DocumentedExamplesTest {

    @Test
    void textMessageKeepsEnvelopeAndContent() {
        ParsedMessage msg = WecomFixtures.parse("text.json");

        assertThat(msg).extracting(ParsedMessage::msgid, ParsedMessage::action, ParsedMessage::from,
                ParsedMessage::tolist, ParsedMessage::roomid, ParsedMessage::msgtime, ParsedMessage::msgtype,
                ParsedMessage::content, ParsedMessage::text, ParsedMessage::media, ParsedMessage::flags)
                .containsExactly("CAQQluDa4QUY0On2rYSAgAMgzPrShAE=", "send", "XuJinSheng", List.of("icefog"), "",
                        Instant.ofEpochMilli(1547087894783L), "text", new Text("test"), "test", List.of(),
                        Set.of());
    }

    @Test
    void rawJsonIsTheRecordTextWhenNothingNeedsEscaping() throws MessageParseException {
        String json = WecomFixtures.read("text.json");

        assertThat(new MessageParser().parse(json).rawJson()).isSameAs(json);
    }

    @Test
    void imageMessageYieldsOneJpgMediaRefAndNoText() {
        ParsedMessage msg = WecomFixtures.parse("image.json");

        assertThat(msg).extracting(ParsedMessage::content, ParsedMessage::text, ParsedMessage::media,
                ParsedMessage::msgtime, ParsedMessage::flags)
                .containsExactly(new Image("50de8e5ae8ffe4f1df7a93841f71993a", 70961L, "CtYBMzA2..."), "",
                        List.of(new MediaRef(0, "image", "CtYBMzA2...", "50de8e5ae8ffe4f1df7a93841f71993a", 70961,
                                "jpg")),
                        Instant.EPOCH, Set.of());
    }

    @Test
    void revokeNamesTheRecalledMessage() {
        ParsedMessage msg = WecomFixtures.parse("revoke.json");

        assertThat(msg).extracting(ParsedMessage::action, ParsedMessage::msgtype, ParsedMessage::content,
                ParsedMessage::text, ParsedMessage::media)
                .containsExactly("recall", "revoke", new Revoke("14822339130656386894_1603875600"), "", List.of());
    }

    @Test
    void fileMessageYieldsFilenameAsTextAndFileMediaUnderItsExtension() {
        ParsedMessage msg = WecomFixtures.parse("file.json");

        assertThat(msg).extracting(ParsedMessage::content, ParsedMessage::text, ParsedMessage::media)
                .containsExactly(
                        new File("18e93fc2ea884df23b3d2d3b8667b9f0", "资料.docx", "docx", 18181L, "E4ODRk..."),
                        "资料.docx",
                        List.of(new MediaRef(0, "file", "E4ODRk...", "18e93fc2ea884df23b3d2d3b8667b9f0", 18181,
                                "docx")));
    }

    @Test
    void mixedMessageParsesEachItemsJsonStringContent() {
        ParsedMessage msg = WecomFixtures.parse("mixed.json");

        assertThat(msg).extracting(ParsedMessage::roomid, ParsedMessage::tolist, ParsedMessage::content,
                ParsedMessage::text, ParsedMessage::media, ParsedMessage::flags)
                .containsExactly("wr_tZ2BwAAUwHpYMwy9cIWqnlU3Hzqfg", List.of("HeChangTian", "LiuZeYu"),
                        new Mixed(List.of(new Mixed.Item("text", new Text("你好[微笑]\n")),
                                new Mixed.Item("image",
                                        new Image("368b6c18c82e6441bfd89b343e9d2429", 13177L, "CtYBMzA2...")))),
                        "你好[微笑]\n",
                        // The image is the second nested item.
                        List.of(new MediaRef(2, "image", "CtYBMzA2...", "368b6c18c82e6441bfd89b343e9d2429", 13177,
                                "jpg")),
                        Set.of());
    }

    @Test
    void chatrecordItemsAreParsedWithTimesInSeconds() {
        ParsedMessage msg = WecomFixtures.parse("chatrecord.json");

        assertThat(msg).extracting(ParsedMessage::content, ParsedMessage::text, ParsedMessage::media)
                .containsExactly(new ChatRecord("群聊", List.of(
                        new ChatRecord.Item("ChatRecordText", "text", Instant.ofEpochSecond(1603875610), false,
                                new Text("test")),
                        new ChatRecord.Item("ChatRecordText", "text", Instant.ofEpochSecond(1603875620), false,
                                new Text("test2")))),
                        "群聊\ntest\ntest2", List.of());
    }

    @Test
    void switchRecordUsesUserAndTime() {
        ParsedMessage msg = WecomFixtures.parse("switch.json");
        Instant time = Instant.ofEpochMilli(1554119421840L);

        assertThat(msg).extracting(ParsedMessage::msgid, ParsedMessage::action, ParsedMessage::msgtype,
                ParsedMessage::from, ParsedMessage::msgtime, ParsedMessage::content, ParsedMessage::text,
                ParsedMessage::media, ParsedMessage::tolist, ParsedMessage::roomid, ParsedMessage::flags)
                .containsExactly("125289002219525886280", "switch", "switch", "XuJinSheng", time,
                        new Switch("125289002219525886280", time, "XuJinSheng"), "", List.of(), List.of(), "",
                        Set.of());
    }

    @Test
    void agreeRecordsWhoAgreedAndWhen() {
        ParsedMessage msg = WecomFixtures.parse("agree.json");

        assertThat(msg).extracting(ParsedMessage::content, ParsedMessage::text, ParsedMessage::media)
                .containsExactly(new Agree("wmGAgeDQAAvQeaTqWwkMTxGMkvI7OOuQ", Instant.ofEpochMilli(1603875826656L)),
                        "", List.of());
    }
}
