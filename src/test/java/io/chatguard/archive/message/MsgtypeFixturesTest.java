package io.chatguard.archive.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.chatguard.archive.message.MessageContent.Calendar;
import io.chatguard.archive.message.MessageContent.Card;
import io.chatguard.archive.message.MessageContent.ChatRecord;
import io.chatguard.archive.message.MessageContent.Collect;
import io.chatguard.archive.message.MessageContent.Disagree;
import io.chatguard.archive.message.MessageContent.DocMsg;
import io.chatguard.archive.message.MessageContent.Emotion;
import io.chatguard.archive.message.MessageContent.ExternalRedPacket;
import io.chatguard.archive.message.MessageContent.Image;
import io.chatguard.archive.message.MessageContent.Link;
import io.chatguard.archive.message.MessageContent.Location;
import io.chatguard.archive.message.MessageContent.Markdown;
import io.chatguard.archive.message.MessageContent.Meeting;
import io.chatguard.archive.message.MessageContent.MeetingNotification;
import io.chatguard.archive.message.MessageContent.MeetingVoiceCall;
import io.chatguard.archive.message.MessageContent.Mixed;
import io.chatguard.archive.message.MessageContent.News;
import io.chatguard.archive.message.MessageContent.QyDiskFile;
import io.chatguard.archive.message.MessageContent.RedPacket;
import io.chatguard.archive.message.MessageContent.SphFeed;
import io.chatguard.archive.message.MessageContent.Text;
import io.chatguard.archive.message.MessageContent.Todo;
import io.chatguard.archive.message.MessageContent.Video;
import io.chatguard.archive.message.MessageContent.Voice;
import io.chatguard.archive.message.MessageContent.VoipDocShare;
import io.chatguard.archive.message.MessageContent.VoipText;
import io.chatguard.archive.message.MessageContent.Vote;
import io.chatguard.archive.message.MessageContent.Weapp;

/** One realistic record per msgtype that WeCom documents without an example; fixtures in {@code wecom/}. */
class MsgtypeFixturesTest {

    private static void assertParsed(String fixture, String msgtype, MessageContent content, String text,
            List<MediaRef> media) {
        ParsedMessage msg = WecomFixtures.parse(fixture);
        assertThat(msg).extracting(ParsedMessage::msgtype, ParsedMessage::content, ParsedMessage::text,
                ParsedMessage::media, ParsedMessage::flags)
                .containsExactly(msgtype, content, text, media, Set.of());
    }

    @Test
    void disagree() {
        assertParsed("disagree.json", "disagree",
                new Disagree("wmErxtDgAAhT3pXhQ5q7Ck1fXv0V4dWw", Instant.ofEpochMilli(1718246400123L)), "",
                List.of());
    }

    @Test
    void voiceIsAmrMediaSizedByVoiceSize() {
        assertParsed("voice.json", "voice",
                new Voice("9A1B2C3D4E5F60718293A4B5C6D7E8F9", 4023L, 12L, "kcyZjZqOXhETGYxajB2Zkp5UjUvUjJ4"), "",
                List.of(new MediaRef(0, "voice", "kcyZjZqOXhETGYxajB2Zkp5UjUvUjJ4", "9a1b2c3d4e5f60718293a4b5c6d7e8f9",
                        4023, "amr")));
    }

    @Test
    void videoIsMp4Media() {
        assertParsed("video.json", "video",
                new Video("d41d8cd98f00b204e9800998ecf8427e", 3479890L, 38L, "EtQBMzA2OTAyMDEwMjA0NjIwNjAwMDIw"), "",
                List.of(new MediaRef(0, "video", "EtQBMzA2OTAyMDEwMjA0NjIwNjAwMDIw",
                        "d41d8cd98f00b204e9800998ecf8427e", 3479890, "mp4")));
    }

    @Test
    void cardTextIsTheCorpName() {
        assertParsed("card.json", "card", new Card("华安证券股份有限公司", "lisi"), "华安证券股份有限公司", List.of());
    }

    @Test
    void locationTextIsAddressThenTitle() {
        assertParsed("location.json", "location",
                new Location(121.499718, 31.239703, "上海市浦东新区陆家嘴环路1000号", "恒生银行大厦", 15),
                "上海市浦东新区陆家嘴环路1000号\n恒生银行大厦", List.of());
    }

    @Test
    void emotionOfTypeOneIsGif() {
        assertParsed("emotion.json", "emotion",
                new Emotion(1, 240, 240, 102400L, "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "Cs8BMzA2QjAyMDEwMjA0NjQzMDYyMDIw"),
                "", List.of(new MediaRef(0, "emotion", "Cs8BMzA2QjAyMDEwMjA0NjQzMDYyMDIw",
                        "0a1b2c3d4e5f60718293a4b5c6d7e8f9", 102400, "gif")));
    }

    @Test
    void emotionOfTypeTwoIsPng() {
        assertParsed("emotion_png.json", "emotion",
                new Emotion(2, 120, 120, 20480L, "1f2e3d4c5b6a79881726354433221100", "Cs8BMzA2QjAyMDEwMjA0NjQzMDYyMDIx"),
                "", List.of(new MediaRef(0, "emotion", "Cs8BMzA2QjAyMDEwMjA0NjQzMDYyMDIx",
                        "1f2e3d4c5b6a79881726354433221100", 20480, "png")));
    }

    @Test
    void linkTextIsTitleAndDescription() {
        assertParsed("link.json", "link",
                new Link("三季度市场展望", "本产品不保本，过往业绩不代表未来表现", "https://research.example.com/q3-outlook",
                        "https://research.example.com/q3.png"),
                "三季度市场展望\n本产品不保本，过往业绩不代表未来表现", List.of());
    }

    @Test
    void weappTextIsTitleDescriptionAndDisplayName() {
        assertParsed("weapp.json", "weapp",
                new Weapp("基金定投计算器", "测算每月定投的历史收益", "gh_4a7c3e9b1f2d@app", "财富助手"),
                "基金定投计算器\n测算每月定投的历史收益\n财富助手", List.of());
    }

    @Test
    void todoTextIsTitleAndContent() {
        assertParsed("todo.json", "todo", new Todo("周五前完成客户回访", "回访名单见共享文档，重点关注风险测评过期的客户"),
                "周五前完成客户回访\n回访名单见共享文档，重点关注风险测评过期的客户", List.of());
    }

    @Test
    void voteIsReadFromTopLevelFields() {
        assertParsed("vote.json", "vote",
                new Vote("下周投教沙龙主题", List.of("养老目标基金", "可转债入门", "如何识别非法荐股"), 101, "2015579432136218"),
                "下周投教沙龙主题\n养老目标基金\n可转债入门\n如何识别非法荐股", List.of());
    }

    @Test
    void collectTextIsRoomTitleAndQuestions() {
        assertParsed("collect.json", "collect",
                new Collect("营业部理财顾问群", "zhangwei", "2024-06-13 10:00:00", "六月客户活动报名",
                        List.of(new Collect.Detail(1L, "姓名", "Text"), new Collect.Detail(2L, "联系电话", "Number"),
                                new Collect.Detail(3L, "活动日期", "Date"))),
                "营业部理财顾问群\n六月客户活动报名\n姓名\n联系电话\n活动日期", List.of());
    }

    @Test
    void redpacketTextIsTheWish() {
        assertParsed("redpacket.json", "redpacket", new RedPacket(1, "恭喜发财，大吉大利", 5, 8800L), "恭喜发财，大吉大利",
                List.of());
    }

    @Test
    void externalRedpacketIsReadFromTheRedpacketKey() {
        assertParsed("external_redpacket.json", "external_redpacket",
                new ExternalRedPacket(2, "感谢您的专业服务", 1, 20000L), "感谢您的专业服务", List.of());
    }

    @Test
    void meetingTextIsTopicRemarksAndAddress() {
        assertParsed("meeting.json", "meeting",
                new Meeting("季度资产配置复盘", 1718265600L, 1718269200L, "上海市浦东新区世纪大道8号12楼会议室", "请提前准备持仓明细",
                        102, "1306823654", 1),
                "季度资产配置复盘\n请提前准备持仓明细\n上海市浦东新区世纪大道8号12楼会议室", List.of());
    }

    @Test
    void docmsgIsReadFromTheDocKey() {
        assertParsed("docmsg.json", "docmsg",
                new DocMsg("客户适当性管理自查表", "lisi", "https://doc.weixin.qq.com/sheet/e3_AbCdEf"), "客户适当性管理自查表",
                List.of());
    }

    @Test
    void markdownIsReadFromTheInfoKey() {
        assertParsed("markdown.json", "markdown", new Markdown("**风险提示**：市场有风险，投资需谨慎。"),
                "**风险提示**：市场有风险，投资需谨慎。", List.of());
    }

    @Test
    void newsTextIsEachArticlesTitleAndDescription() {
        assertParsed("news.json", "news",
                new News(List.of(
                        new News.Item("证监会发布新规", "进一步规范证券投资顾问业务", "https://news.example.com/a1",
                                "https://news.example.com/a1.jpg"),
                        new News.Item("央行宣布降准", "释放长期资金约一万亿元", "https://news.example.com/a2",
                                "https://news.example.com/a2.jpg"))),
                "证监会发布新规\n进一步规范证券投资顾问业务\n央行宣布降准\n释放长期资金约一万亿元", List.of());
    }

    @Test
    void meetingNotificationIsReadFromTheInfoKey() {
        assertParsed("meeting_notification.json", "meeting_notification", new MeetingNotification("1306823654", 1), "",
                List.of());
    }

    @Test
    void voiptextIsReadFromTheInfoKey() {
        assertParsed("voiptext.json", "voiptext", new VoipText(185L, 2), "", List.of());
    }

    @Test
    void qydiskfileTextIsTheFilename() {
        assertParsed("qydiskfile.json", "qydiskfile", new QyDiskFile("2024年半年度投资策略.pdf"), "2024年半年度投资策略.pdf",
                List.of());
    }

    @Test
    void calendarTextIsTitlePlaceAndRemarks() {
        assertParsed("calendar.json", "calendar",
                new Calendar("新客户开户面谈", "张伟", List.of("李四", "王芳"), 1718337600L, 1718341200L, "营业部二楼洽谈室",
                        "携带身份证和银行卡"),
                "新客户开户面谈\n营业部二楼洽谈室\n携带身份证和银行卡", List.of());
    }

    @Test
    void meetingVoiceCallKeepsVoiceidAndYieldsItsRecording() {
        assertParsed("meeting_voice_call.json", "meeting_voice_call",
                new MeetingVoiceCall("grb8a4c48a3c094a70982c518d55e40557", 1718247000L,
                        "CpsBKjAqd0xhb2JWRUJldGtwcE5DVTB6", null, null, null,
                        List.of(new MeetingVoiceCall.DemoFile("产品说明书.pdf", "zhangwei", 1718246500L, 1718246700L)),
                        List.of(new MeetingVoiceCall.ShareScreen("zhangwei", 1718246800L, 1718246900L))),
                "", List.of(new MediaRef(0, "meeting_voice_call", "CpsBKjAqd0xhb2JWRUJldGtwcE5DVTB6", "", -1, "bin")));
    }

    @Test
    void voipDocShareTakesItsExtensionFromTheFilename() {
        assertParsed("voip_doc_share.json", "voip_doc_share",
                new VoipDocShare("风险揭示书.PDF", "ff893900f24e55e216e617a40e5c4648", 440065L,
                        "CpsBKjAqZmhpVFh5bWJ4dWFHS2hK"),
                "风险揭示书.PDF", List.of(new MediaRef(0, "voip_doc_share", "CpsBKjAqZmhpVFh5bWJ4dWFHS2hK",
                        "ff893900f24e55e216e617a40e5c4648", 440065, "pdf")));
    }

    @Test
    void sphfeedTextIsAccountNameAndDescription() {
        assertParsed("sphfeed.json", "sphfeed", new SphFeed(4, "财经观察", "一分钟看懂北向资金"), "财经观察\n一分钟看懂北向资金",
                List.of());
    }

    @Test
    void mixedWithSeveralMediaNumbersThemByItemPosition() {
        ParsedMessage msg = WecomFixtures.parse("mixed_media.json");

        assertThat(msg).extracting(ParsedMessage::text, ParsedMessage::media)
                .containsExactly("这是今天的持仓截图\n有问题随时联系我", List.of(
                        new MediaRef(2, "image", "CtYBMzA2OTAyMDEwMjA0NjIw", "ab12cd34ef56ab12cd34ef56ab12cd34", 52340,
                                "jpg"),
                        new MediaRef(3, "emotion", "Cs8BMzA2QjAyMDEwMjA0NjQz", "", 3200, "png")));
    }

    @Test
    void chatrecordMapsEveryItemTypeToItsMsgtypeShape() {
        ChatRecord record = (ChatRecord) WecomFixtures.parse("chatrecord_nested.json").content();

        assertThat(record.items()).extracting(ChatRecord.Item::type, ChatRecord.Item::msgtype,
                item -> item.content().getClass().getSimpleName())
                .containsExactly(
                        tuple("ChatRecordText", "text", "Text"),
                        tuple("ChatRecordImage", "image", "Image"),
                        tuple("ChatRecordFile", "file", "File"),
                        tuple("ChatRecordVoice", "voice", "Voice"),
                        tuple("ChatRecordVideo", "video", "Video"),
                        tuple("ChatRecordLink", "link", "Link"),
                        tuple("ChatRecordLocation", "location", "Location"),
                        tuple("ChatRecordEmotion", "emotion", "Emotion"),
                        tuple("ChatRecordCard", "card", "Card"),
                        tuple("ChatRecordWeapp", "weapp", "Weapp"),
                        tuple("ChatRecordMixed", "mixed", "Mixed"));
    }

    @Test
    void chatrecordNestedMixedIsParsedToo() {
        ChatRecord record = (ChatRecord) WecomFixtures.parse("chatrecord_nested.json").content();

        assertThat(record.items().get(10)).isEqualTo(new ChatRecord.Item("ChatRecordMixed", "mixed",
                Instant.ofEpochSecond(1718240100), true,
                new Mixed(List.of(new Mixed.Item("text", new Text("图文说明如下")),
                        new Mixed.Item("image",
                                new Image("cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd", 12000L, "CtYBMz_mixed_img"))))));
    }

    @Test
    void chatrecordTextCoversEveryItemInDocumentOrder() {
        assertThat(WecomFixtures.parse("chatrecord_nested.json").text()).isEqualTo(String.join("\n",
                "张伟和客户的聊天记录", "您好，这只基金风险等级是R3", "基金合同.pdf", "基金定期报告", "2024年第一季度报告",
                "北京市西城区金融大街35号", "国际企业大厦", "华安证券股份有限公司", "风险测评", "在线完成风险承受能力测评", "投资者服务",
                "图文说明如下"));
    }

    @Test
    void chatrecordMediaCarryTheirItemPositionsInPreOrder() {
        assertThat(WecomFixtures.parse("chatrecord_nested.json").media())
                .extracting(MediaRef::index, MediaRef::kind, MediaRef::sdkfileid, MediaRef::size, MediaRef::extension)
                .containsExactly(
                        tuple(2, "image", "CtYBMzA2OTAy_img", 81234L, "jpg"),
                        tuple(3, "file", "E4ODRk_file", 1203344L, "pdf"),
                        tuple(4, "voice", "kcyZjZ_voice", 3011L, "amr"),
                        tuple(5, "video", "EtQBMz_video", 2345678L, "mp4"),
                        tuple(8, "emotion", "Cs8BMz_emotion", 40960L, "gif"),
                        tuple(13, "image", "CtYBMz_mixed_img", 12000L, "jpg"));
    }
}
