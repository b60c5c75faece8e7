package io.chatguard.archive.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.chatguard.archive.simulator.Cast.Contact;
import io.chatguard.archive.simulator.Cast.Employee;
import io.chatguard.archive.simulator.Cast.Room;
import io.chatguard.archive.simulator.ExpectedRecord.Fault;
import io.chatguard.archive.simulator.MediaFactory.Media;

/**
 * Builds record {@code seq} as a pure function of (settings, seq): the decrypted message, its GetChatData entry
 * and its ground truth. Thread-safe: all per-record state is local.
 *
 * <p>Seqs are grouped in blocks of {@value #BLOCK}; each block is one conversation (a 1:1 chat or a group room),
 * so consecutive messages read like a dialogue without any record depending on state from another.
 */
final class RecordFactory {
    private static final int BLOCK = 10;
    /** Mean spacing of msgtime; jitter keeps gaps between 2 s and about 80 s while staying monotonic. */
    private static final long STRIDE_MILLIS = 40_000;
    private static final String CORP_NAME = "华信证券";
    private static final DateTimeFormatter COLLECT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8));
    /** Private-use placeholders, swapped for raw control characters after serialisation. */
    private static final char[][] CONTROL_MARKERS = {
        {'\uE000', '\u0001'}, {'\uE001', '\n'}, {'\uE002', '\u0007'}, {'\uE003', '\t'}, {'\uE004', '\u001f'},
    };

    /** Message kinds with their weights for advisor and client senders. */
    enum Kind {
        TEXT("text", 700, 750), IMAGE("image", 40, 60), FILE("file", 30, 10), VOICE("voice", 20, 40),
        VIDEO("video", 10, 10), EMOTION("emotion", 15, 30), LINK("link", 15, 10), WEAPP("weapp", 6, 2),
        CARD("card", 6, 2), LOCATION("location", 5, 5), MIXED("mixed", 20, 10), CHATRECORD("chatrecord", 12, 5),
        MARKDOWN("markdown", 8, 0), NEWS("news", 8, 0), DOCMSG("docmsg", 8, 0), TODO("todo", 8, 0),
        VOTE("vote", 24, 0), COLLECT("collect", 20, 0), REDPACKET("redpacket", 6, 3),
        EXTERNAL_REDPACKET("external_redpacket", 5, 3), MEETING("meeting", 8, 0), CALENDAR("calendar", 8, 0),
        VOIP_DOC_SHARE("voip_doc_share", 8, 0), SPHFEED("sphfeed", 6, 3),
        MEETING_VOICE_CALL("meeting_voice_call", 6, 0), VOIPTEXT("voiptext", 6, 2), QYDISKFILE("qydiskfile", 8, 0),
        MEETING_NOTIFICATION("meeting_notification", 6, 0), AGREE("agree", 0, 10), DISAGREE("disagree", 0, 6),
        REVOKE("revoke", 10, 7), SWITCH("switch", 0, 0), UNKNOWN("future_feature_x", 0, 0);

        final String msgtype;
        final int advisorWeight;
        final int clientWeight;

        Kind(String msgtype, int advisorWeight, int clientWeight) {
            this.msgtype = msgtype;
            this.advisorWeight = advisorWeight;
            this.clientWeight = clientWeight;
        }
    }

    private static final int ADVISOR_TOTAL = java.util.Arrays.stream(Kind.values()).mapToInt(k -> k.advisorWeight).sum();
    private static final int CLIENT_TOTAL = java.util.Arrays.stream(Kind.values()).mapToInt(k -> k.clientWeight).sum();
    private static final double SWITCH_SHARE = 0.005;

    /** One produced record. */
    record Produced(ObjectNode chatdata, String plaintext, ExpectedRecord expected) {
    }

    /** The chat a block of seqs belongs to: a contact for 1:1, or a room. */
    private record Conversation(Contact contact, Room room) {
    }

    /** Who sends: an employee (by index) or a contact (by index). */
    private record Sender(String id, boolean external, int index) {
    }

    private final SimulatorSettings settings;
    private final long seed;
    private final SimulatorKeys keys;
    private final MediaFactory media;
    private final Cast cast;
    private final ViolationWriter violations = new ViolationWriter();
    private final ObjectMapper mapper = new ObjectMapper();
    private final long segment;

    RecordFactory(SimulatorSettings settings, SimulatorKeys keys, MediaFactory media) {
        this.settings = settings;
        this.seed = settings.seed();
        this.keys = keys;
        this.media = media;
        this.cast = Cast.generate(seed);
        this.segment = Math.max(1, (settings.volume() + settings.keyVersions() - 1) / settings.keyVersions());
    }

    Cast cast() {
        return cast;
    }

    int keyVersion(long seq) {
        return (int) Math.min(settings.keyVersions(), (seq - 1) / segment + 1);
    }

    Fault fault(long seq) {
        SimulatorSettings.Faults f = settings.faults();
        double roll = Seeds.unit(seed, seq, Seeds.FAULT);
        double[] thresholds = {f.badBase64(), f.unknownKeyVersion(), f.corruptCiphertext(), f.invalidJson(),
            f.controlChars(), f.unknownMsgtype()};
        Fault[] faults = {Fault.BAD_BASE64, Fault.UNKNOWN_KEY_VERSION, Fault.CORRUPT_CIPHERTEXT, Fault.INVALID_JSON,
            Fault.CONTROL_CHARS, Fault.UNKNOWN_MSGTYPE};
        for (int i = 0; i < thresholds.length; i++) {
            roll -= thresholds[i];
            if (roll < 0) {
                return faults[i];
            }
        }
        return Fault.NONE;
    }

    boolean mediaCorruptOnce(long seq) {
        return Seeds.unit(seed, seq, Seeds.CORRUPT_ONCE) < settings.faults().mediaCorruptOnce();
    }

    long msgtime(long seq) {
        long jitter = (long) (Seeds.unit(seed, seq, Seeds.TIME) * (STRIDE_MILLIS - 2_000));
        return settings.startEpochMillis() + seq * STRIDE_MILLIS + jitter;
    }

    private Conversation conversation(long seq) {
        SplittableRandom random = Seeds.stream(seed, (seq - 1) / BLOCK, Seeds.CONVERSATION);
        if (random.nextInt(100) < 78) {
            return new Conversation(Phrasebook.pick(cast.contacts(), random), null);
        }
        return new Conversation(null, Phrasebook.pick(cast.rooms(), random));
    }

    private Sender sender(long seq, Conversation conversation) {
        SplittableRandom random = Seeds.stream(seed, seq, Seeds.SENDER);
        if (conversation.room() == null) {
            Contact contact = conversation.contact();
            if (random.nextInt(100) < 55) {
                return employee(contact.advisor());
            }
            return contact(cast.contacts().indexOf(contact));
        }
        Room room = conversation.room();
        if (random.nextInt(100) < 50) {
            return employee(Phrasebook.pick(room.employees(), random));
        }
        return contact(Phrasebook.pick(room.contacts(), random));
    }

    private Sender employee(int index) {
        return new Sender(cast.employees().get(index).userid(), false, index);
    }

    private Sender contact(int index) {
        return new Sender(cast.contacts().get(index).externalUserId(), true, index);
    }

    /** The kind drawn for a seq before revoke targets are resolved; cheap, so revoke can inspect neighbours. */
    private Kind baseKind(long seq, Conversation conversation, Sender sender, Fault fault) {
        if (fault.quarantined() || fault == Fault.CONTROL_CHARS) {
            return Kind.TEXT;
        }
        if (fault == Fault.UNKNOWN_MSGTYPE) {
            return Kind.UNKNOWN;
        }
        SplittableRandom random = Seeds.stream(seed, seq, Seeds.KIND);
        if (random.nextDouble() < SWITCH_SHARE) {
            return Kind.SWITCH;
        }
        int pick = random.nextInt(sender.external() ? CLIENT_TOTAL : ADVISOR_TOTAL);
        Kind chosen = Kind.TEXT;
        for (Kind kind : Kind.values()) {
            pick -= sender.external() ? kind.clientWeight : kind.advisorWeight;
            if (pick < 0) {
                chosen = kind;
                break;
            }
        }
        boolean room = conversation.room() != null;
        if ((chosen == Kind.VOTE || chosen == Kind.COLLECT) && !room) {
            return Kind.TEXT;
        }
        if ((chosen == Kind.AGREE || chosen == Kind.DISAGREE) && room) {
            return Kind.TEXT;
        }
        if (chosen == Kind.REVOKE && seq == 1) {
            return Kind.TEXT;
        }
        return chosen;
    }

    private Kind baseKind(long seq) {
        Conversation conversation = conversation(seq);
        return baseKind(seq, conversation, sender(seq, conversation), fault(seq));
    }

    private String msgid(long seq, long msgtime, boolean external, boolean isSwitch) {
        SplittableRandom random = Seeds.stream(seed, seq, Seeds.MSGID);
        // Ten random digits then the zero-padded seq: looks opaque, yet can never collide.
        String digits = (1 + random.nextInt(9)) + String.format("%09d", random.nextInt(1_000_000_000))
                + String.format("%09d", seq % 1_000_000_000L);
        if (isSwitch) {
            return digits;
        }
        return digits + "_" + msgtime / 1000 + (external ? "_external" : "");
    }

    /** The msgid of an earlier seq, as {@link #produce} writes it. */
    private String msgidOf(long seq) {
        Conversation conversation = conversation(seq);
        Sender sender = sender(seq, conversation);
        Kind kind = baseKind(seq, conversation, sender, fault(seq));
        return msgid(seq, msgtime(seq), sender.external(), kind == Kind.SWITCH);
    }

    Produced produce(long seq) {
        Fault fault = fault(seq);
        Conversation conversation = conversation(seq);
        Sender sender = sender(seq, conversation);
        Kind kind = baseKind(seq, conversation, sender, fault);
        long target = -1;
        if (kind == Kind.REVOKE) {
            target = revokeTarget(seq);
            if (target < 0) {
                kind = Kind.TEXT;
            } else {
                // A recall is made by the original sender, in the original chat.
                conversation = conversation(target);
                sender = sender(target, conversation);
            }
        }
        long msgtime = msgtime(seq);
        String msgid = msgid(seq, msgtime, sender.external(), kind == Kind.SWITCH);
        Draft draft = new Draft(seq, Seeds.stream(seed, seq, Seeds.CONTENT), sender, conversation,
                !fault.quarantined());

        ObjectNode message = mapper.createObjectNode();
        message.put("msgid", msgid);
        if (kind == Kind.SWITCH) {
            message.put("action", "switch");
            message.put("time", msgtime);
            message.put("user", cast.employees().get(draft.random.nextInt(cast.employees().size())).userid());
        } else {
            message.put("action", kind == Kind.REVOKE ? "recall" : "send");
            message.put("from", sender.id());
            ArrayNode tolist = message.putArray("tolist");
            recipients(conversation, sender).forEach(tolist::add);
            message.put("roomid", conversation.room() == null ? "" : conversation.room().roomid());
            message.put("msgtime", msgtime);
            message.put("msgtype", kind.msgtype);
            body(kind, message, draft, target, msgtime, fault);
        }
        String plaintext = serialise(message);
        if (fault == Fault.CONTROL_CHARS) {
            for (char[] marker : CONTROL_MARKERS) {
                plaintext = plaintext.replace(marker[0], marker[1]);
            }
        } else if (fault == Fault.INVALID_JSON) {
            plaintext = breakJson(plaintext, draft.random);
        }
        ExpectedRecord expected = new ExpectedRecord(seq, msgid, kind.msgtype, fault, draft.category != null,
                draft.category, draft.md5s, mediaCorruptOnce(seq) && !draft.md5s.isEmpty());
        return new Produced(encrypt(seq, msgid, plaintext, fault), plaintext, expected);
    }

    private long revokeTarget(long seq) {
        SplittableRandom random = Seeds.stream(seed, seq, Seeds.KIND);
        random.nextDouble();
        int back = 1 + random.nextInt(3);
        for (long candidate = seq - back; candidate >= Math.max(1, seq - 6); candidate--) {
            Kind kind = baseKind(candidate);
            if (kind != Kind.SWITCH && kind != Kind.REVOKE) {
                return candidate;
            }
        }
        return -1;
    }

    private List<String> recipients(Conversation conversation, Sender sender) {
        List<String> to = new ArrayList<>();
        if (conversation.room() == null) {
            Contact contact = conversation.contact();
            to.add(sender.external() ? cast.employees().get(contact.advisor()).userid() : contact.externalUserId());
            return to;
        }
        for (int e : conversation.room().employees()) {
            to.add(cast.employees().get(e).userid());
        }
        for (int c : conversation.room().contacts()) {
            to.add(cast.contacts().get(c).externalUserId());
        }
        to.remove(sender.id());
        return to;
    }

    /** Per-record content state: the random stream, media counter and the violation found so far. */
    private final class Draft {
        final long seq;
        final SplittableRandom random;
        final Sender sender;
        final Conversation conversation;
        final boolean violationsAllowed;
        final List<String> md5s = new ArrayList<>();
        String category;
        int mediaIndex;

        Draft(long seq, SplittableRandom random, Sender sender, Conversation conversation,
                boolean violationsAllowed) {
            this.seq = seq;
            this.random = random;
            this.sender = sender;
            this.conversation = conversation;
            this.violationsAllowed = violationsAllowed;
        }

        boolean advisor() {
            return !sender.external();
        }

        /** How the sender addresses the chat: the client's honorific in 1:1, everyone in a room. */
        String addr() {
            if (sender.external()) {
                return "";
            }
            return conversation.room() == null ? conversation.contact().addr() : "各位";
        }

        /** Rolls for a violation at {@code factor} times the configured share; at most one per message. */
        boolean rollViolation(double factor) {
            return violationsAllowed && advisor() && category == null
                    && random.nextDouble() < settings.violationShare() * factor;
        }

        /** Text an advisor or client would write; a violation when the roll says so. */
        String text(double violationFactor) {
            if (rollViolation(violationFactor)) {
                ViolationWriter.Violation violation = violations.write(random, addr());
                category = violation.category();
                return violation.text();
            }
            if (!advisor()) {
                return Phrasebook.client(random);
            }
            // Quarantined records stay plain routine text; elsewhere a fifth of clean advisor text is a hard negative.
            if (violationsAllowed && random.nextInt(5) == 0) {
                return Phrasebook.hardNegative(random, addr());
            }
            return Phrasebook.advisorRoutine(random, addr());
        }

        Media media(MediaFactory.Kind kind, boolean large) {
            Media created = media.create(seq, mediaIndex++, kind, large);
            md5s.add(created.md5());
            return created;
        }
    }

    private void body(Kind kind, ObjectNode message, Draft d, long target, long msgtime, Fault fault) {
        SplittableRandom r = d.random;
        switch (kind) {
            case TEXT -> {
                String content = d.text(1.0);
                if (fault == Fault.CONTROL_CHARS) {
                    content = withControlMarkers(content, r);
                }
                message.putObject("text").put("content", content);
            }
            case IMAGE -> imageBody(message.putObject("image"), d.media(MediaFactory.Kind.IMAGE_JPG, false));
            case VOICE -> {
                Media voice = d.media(MediaFactory.Kind.VOICE, false);
                ObjectNode body = message.putObject("voice");
                body.put("md5sum", voice.md5());
                body.put("voice_size", voice.size());
                body.put("play_length", (voice.size() - 6) / 1600);
                body.put("sdkfileid", voice.sdkFileId());
            }
            case VIDEO -> {
                Media video = d.media(MediaFactory.Kind.VIDEO, r.nextInt(100) < 15);
                ObjectNode body = message.putObject("video");
                body.put("md5sum", video.md5());
                body.put("filesize", video.size());
                body.put("play_length", 5 + video.size() / 60_000);
                body.put("sdkfileid", video.sdkFileId());
            }
            case EMOTION -> {
                boolean gif = r.nextBoolean();
                Media emotion = d.media(gif ? MediaFactory.Kind.EMOTION_GIF : MediaFactory.Kind.EMOTION_PNG, false);
                ObjectNode body = message.putObject("emotion");
                body.put("type", gif ? 1 : 2);
                body.put("width", emotion.width());
                body.put("height", emotion.height());
                body.put("imagesize", emotion.size());
                body.put("md5sum", emotion.md5());
                body.put("sdkfileid", emotion.sdkFileId());
            }
            case FILE -> fileBody(message.putObject("file"), d, fileName(d));
            case LINK -> {
                ObjectNode body = message.putObject("link");
                String[][] links = {
                    {"一图看懂个人养老金账户", "缴存、投资、领取全流程", "https://www.example-securities.com/edu/pension"},
                    {"2025年投资策略展望", "研究所年度策略报告摘要", "https://research.example-securities.com/2025"},
                    {"防范非法证券活动提示", "警惕冒充机构荐股诈骗", "https://www.example-securities.com/notice/fraud"},
                };
                String[] link = Phrasebook.pick(links, r);
                body.put("title", link[0]);
                body.put("description", link[1]);
                body.put("link_url", link[2]);
                body.put("image_url", "https://img.example-securities.com/cover/" + (1000 + r.nextInt(9000)) + ".jpg");
            }
            case WEAPP -> {
                ObjectNode body = message.putObject("weapp");
                body.put("title", "风险测评");
                body.put("description", "完成测评后即可查看适合您的产品");
                body.put("username", "gh_" + Long.toHexString(Seeds.derive(seed, 7, Seeds.CAST)).substring(0, 12) + "@app");
                body.put("displayname", CORP_NAME + "财富");
            }
            case CARD -> {
                ObjectNode body = message.putObject("card");
                body.put("corpname", CORP_NAME);
                body.put("userid", Phrasebook.pick(cast.employees(), r).userid());
            }
            case LOCATION -> {
                ObjectNode body = message.putObject("location");
                body.put("longitude", 121.4 + r.nextInt(1000) / 10_000.0);
                body.put("latitude", 31.2 + r.nextInt(1000) / 10_000.0);
                body.put("address", "上海市浦东新区世纪大道" + (100 + r.nextInt(900)) + "号");
                body.put("title", CORP_NAME + "世纪大道营业部");
                body.put("zoom", 15);
            }
            case MIXED -> mixedBody(message.putObject("mixed"), d);
            case CHATRECORD -> chatrecordBody(message.putObject("chatrecord"), d, msgtime);
            case MARKDOWN -> message.putObject("info").put("content",
                    "**今日提示**\n> " + Phrasebook.hardNegative(r, "") + "\n- 交易时间：9:30-11:30，13:00-15:00");
            case NEWS -> {
                ArrayNode items = message.putObject("info").putArray("item");
                ObjectNode item = items.addObject();
                item.put("title", "研究所晨报：" + Phrasebook.pick(new String[] {"市场震荡整理", "成交温和放大", "北向资金净流入"}, r));
                item.put("description", "仅供参考，不构成投资建议");
                item.put("url", "https://research.example-securities.com/morning/" + (100 + r.nextInt(900)));
                item.put("picurl", "https://img.example-securities.com/news/" + (100 + r.nextInt(900)) + ".png");
            }
            case DOCMSG -> {
                ObjectNode body = message.putObject("doc");
                body.put("title", Phrasebook.pick(new String[] {"客户回访记录表", "本周产品推荐清单（合规已审）", "营业部培训安排"}, r));
                body.put("doc_creator", d.sender.id());
                body.put("link_url", "https://doc.weixin.qq.com/sheet/e3_" + Long.toHexString(r.nextLong()));
            }
            case TODO -> {
                ObjectNode body = message.putObject("todo");
                body.put("title", "客户回访");
                body.put("content", "周五前完成" + (2 + r.nextInt(8)) + "位客户的适当性回访");
            }
            case VOTE -> {
                message.put("votetitle", "下次线下沙龙主题");
                ArrayNode items = message.putArray("voteitem");
                items.add("养老规划");
                items.add("可转债入门");
                items.add("基金定投");
                message.put("votetype", 101);
                message.put("voteid", String.valueOf(1_000_000 + r.nextInt(9_000_000)));
            }
            case COLLECT -> {
                ObjectNode body = message.putObject("collect");
                body.put("room_name", d.conversation.room().name());
                body.put("creator", d.sender.id());
                body.put("create_time", COLLECT_TIME.format(Instant.ofEpochMilli(msgtime)));
                body.put("title", "沙龙报名");
                ArrayNode details = body.putArray("details");
                String[] questions = {"姓名", "手机号", "参加人数"};
                for (int i = 0; i < questions.length; i++) {
                    ObjectNode detail = details.addObject();
                    detail.put("id", i + 1);
                    detail.put("ques", questions[i]);
                    detail.put("type", i == 2 ? "Number" : "Text");
                }
            }
            case REDPACKET, EXTERNAL_REDPACKET -> {
                ObjectNode body = message.putObject("redpacket");
                int count = 1 + r.nextInt(d.conversation.room() == null ? 1 : 5);
                body.put("type", d.conversation.room() == null ? 1 : 2);
                body.put("wish", Phrasebook.pick(new String[] {"恭喜发财，大吉大利", "节日快乐", "新年好"}, r));
                body.put("totalcnt", count);
                body.put("totalamount", (1 + r.nextInt(200)) * 100);
            }
            case MEETING -> {
                ObjectNode body = message.putObject("meeting");
                long start = msgtime / 1000 + 86_400;
                body.put("topic", "季度资产配置沟通会");
                body.put("starttime", start);
                body.put("endtime", start + 3600);
                body.put("address", "世纪大道营业部3楼会议室");
                body.put("remarks", "请携带身份证");
                body.put("meetingtype", 102);
                body.put("meetingid", 10_000_000_000L + r.nextInt(1_000_000_000));
                body.put("status", 1);
            }
            case CALENDAR -> {
                ObjectNode body = message.putObject("calendar");
                long start = msgtime / 1000 + 2 * 86_400;
                body.put("title", "投教讲座：认识基金风险等级");
                body.put("creatorname", cast.employees().get(d.sender.external() ? 0 : d.sender.index()).name());
                ArrayNode attendees = body.putArray("attendeename");
                recipients(d.conversation, d.sender).stream().limit(3).forEach(attendees::add);
                body.put("starttime", start);
                body.put("endtime", start + 5400);
                body.put("place", "线上会议");
                body.put("remarks", "会后可回看");
            }
            case VOIP_DOC_SHARE -> {
                message.put("voipid", "voip" + Long.toHexString(r.nextLong()));
                String name = fileName(d);
                Media share = d.media(kindFor(name), r.nextInt(100) < 15);
                ObjectNode body = message.putObject("voip_doc_share");
                body.put("filename", name);
                body.put("md5sum", share.md5());
                body.put("filesize", share.size());
                body.put("sdkfileid", share.sdkFileId());
            }
            case SPHFEED -> {
                ObjectNode body = message.putObject("sphfeed");
                body.put("feed_type", 4);
                body.put("sph_name", CORP_NAME + "投教");
                body.put("feed_desc", "三分钟了解可转债");
            }
            case MEETING_VOICE_CALL -> {
                message.put("voiceid", "grb" + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()));
                Media call = d.media(MediaFactory.Kind.VOICE, false);
                ObjectNode body = message.putObject("meeting_voice_call");
                body.put("endtime", msgtime / 1000 + 600);
                body.put("sdkfileid", call.sdkFileId());
                ObjectNode demo = body.putArray("demofiledata").addObject();
                demo.put("filename", "产品路演.pptx");
                demo.put("demooperator", d.sender.id());
                demo.put("starttime", msgtime / 1000 + 60);
                demo.put("endtime", msgtime / 1000 + 300);
                ObjectNode share = body.putArray("sharescreendata").addObject();
                share.put("share", d.sender.id());
                share.put("starttime", msgtime / 1000 + 320);
                share.put("endtime", msgtime / 1000 + 500);
            }
            case VOIPTEXT -> {
                message.put("voipid", "voip" + Long.toHexString(r.nextLong()));
                ObjectNode body = message.putObject("info");
                body.put("callduration", 30 + r.nextInt(900));
                body.put("invitetype", 1 + r.nextInt(2));
            }
            case QYDISKFILE -> message.putObject("info").put("filename", fileName(d));
            case MEETING_NOTIFICATION -> {
                ObjectNode body = message.putObject("info");
                body.put("meeting_id", 10_000_000_000L + r.nextInt(1_000_000_000));
                body.put("notification_type", 1);
                body.put("content", "会议即将开始");
            }
            case AGREE -> {
                ObjectNode body = message.putObject("agree");
                body.put("userid", d.sender.id());
                body.put("agree_time", msgtime);
            }
            case DISAGREE -> {
                ObjectNode body = message.putObject("disagree");
                body.put("userid", d.sender.id());
                body.put("disagree_time", msgtime);
            }
            case REVOKE -> message.putObject("revoke").put("pre_msgid", msgidOf(target));
            case UNKNOWN -> {
                ObjectNode body = message.putObject(kind.msgtype);
                body.put("title", "新功能消息");
                body.putObject("payload").put("version", 2).put("hint", "客户端版本过低，暂不支持查看");
            }
            case SWITCH -> throw new IllegalStateException("switch has no body");
        }
    }

    private static void imageBody(ObjectNode body, Media image) {
        body.put("md5sum", image.md5());
        body.put("filesize", image.size());
        body.put("sdkfileid", image.sdkFileId());
    }

    private void fileBody(ObjectNode body, Draft d, String name) {
        Media file = d.media(kindFor(name), d.random.nextInt(100) < 10);
        body.put("md5sum", file.md5());
        body.put("filename", name);
        body.put("fileext", name.substring(name.lastIndexOf('.') + 1));
        body.put("filesize", file.size());
        body.put("sdkfileid", file.sdkFileId());
    }

    /** A document name; from an advisor, sometimes a name that is itself a violation. */
    private String fileName(Draft d) {
        if (d.rollViolation(0.5)) {
            ViolationWriter.Violation violation = violations.fileName(d.random);
            d.category = violation.category();
            return violation.text();
        }
        String[] names = {"{product}产品说明书.pdf", "{product}风险揭示书.pdf", "2025年3月对账单.pdf", "客户适当性评估表.xlsx",
            "投资策略周报第{n}期.pdf", "晨会纪要.docx", "开户资料清单.txt", "{sector}行业路演材料.pptx", "合同模板.zip",
            "资料.docx"};
        return ViolationWriter.fill(Phrasebook.pick(names, d.random), d.random, "");
    }

    private static MediaFactory.Kind kindFor(String fileName) {
        return switch (fileName.substring(fileName.lastIndexOf('.') + 1)) {
            case "pdf" -> MediaFactory.Kind.PDF;
            case "docx" -> MediaFactory.Kind.DOCX;
            case "xlsx" -> MediaFactory.Kind.XLSX;
            case "pptx" -> MediaFactory.Kind.PPTX;
            case "txt" -> MediaFactory.Kind.TXT;
            default -> MediaFactory.Kind.ZIP;
        };
    }

    private void mixedBody(ObjectNode body, Draft d) {
        ArrayNode items = body.putArray("item");
        ObjectNode text = mapper.createObjectNode().put("content", d.text(1.0));
        items.addObject().put("type", "text").put("content", serialise(text));
        Media image = d.media(MediaFactory.Kind.IMAGE_PNG, false);
        ObjectNode imageContent = mapper.createObjectNode();
        imageBody(imageContent, image);
        items.addObject().put("type", "image").put("content", serialise(imageContent));
        if (d.random.nextBoolean()) {
            ObjectNode more = mapper.createObjectNode().put("content", d.advisor() ? "详细说明见图[微笑]" : "[微笑]");
            items.addObject().put("type", "text").put("content", serialise(more));
        }
    }

    private void chatrecordBody(ObjectNode body, Draft d, long msgtime) {
        body.put("title", d.conversation.room() == null ? "群聊" : d.conversation.room().name() + "的聊天记录");
        ArrayNode items = body.putArray("item");
        int count = 2 + d.random.nextInt(4);
        long time = msgtime / 1000 - 3600L * (1 + d.random.nextInt(48));
        for (int i = 0; i < count; i++) {
            ObjectNode item = items.addObject();
            int shape = i == 0 ? 0 : d.random.nextInt(6);
            ObjectNode content = mapper.createObjectNode();
            if (shape == 4) {
                item.put("type", "ChatRecordImage");
                imageBody(content, d.media(MediaFactory.Kind.IMAGE_JPG, false));
            } else if (shape == 5) {
                item.put("type", "ChatRecordFile");
                String name = fileName(d);
                Media file = d.media(kindFor(name), false);
                content.put("filename", name);
                content.put("fileext", name.substring(name.lastIndexOf('.') + 1));
                content.put("md5sum", file.md5());
                content.put("filesize", file.size());
                content.put("sdkfileid", file.sdkFileId());
            } else {
                item.put("type", "ChatRecordText");
                // Forwarded history carries violations at half the rate of live text.
                content.put("content", d.text(0.5));
            }
            time += 20 + d.random.nextInt(600);
            item.put("msgtime", time);
            item.put("content", serialise(content));
            item.put("from_chatroom", d.conversation.room() != null);
        }
    }

    private static String withControlMarkers(String content, SplittableRandom random) {
        StringBuilder out = new StringBuilder(content);
        int comma = content.indexOf('，');
        int markers = 1 + random.nextInt(3);
        for (int i = 0; i < markers; i++) {
            char marker = CONTROL_MARKERS[random.nextInt(CONTROL_MARKERS.length)][0];
            // Only at sentence boundaries, never inside a keyword, so the ground truth category still holds.
            switch (random.nextInt(3)) {
                case 0 -> out.insert(0, marker);
                case 1 -> out.append(marker);
                default -> out.insert(comma >= 0 ? Math.min(comma + 1, out.length()) : out.length(), marker);
            }
        }
        return out.toString();
    }

    /** Truncates the JSON (any strict prefix of an object is invalid) or drops a separating comma. */
    private static String breakJson(String json, SplittableRandom random) {
        if (random.nextInt(4) > 0) {
            return json.substring(0, 20 + random.nextInt(json.length() - 21));
        }
        return json.replaceFirst("\",\"action\"", "\"\"action\"");
    }

    private ObjectNode encrypt(long seq, String msgid, String plaintext, Fault fault) {
        int version = keyVersion(seq);
        SplittableRandom crypto = Seeds.stream(seed, seq, Seeds.CRYPTO);
        String randomKey = RecordCipher.randomKey(crypto);
        byte[] iv = new byte[16];
        crypto.nextBytes(iv);
        String encryptedKey = RecordCipher.encryptRandomKey(randomKey, keys.publicKey(version),
                SimulatorKeys.deterministicRandom(crypto.nextLong()));
        String encryptedMessage = RecordCipher.encryptMessage(randomKey, iv, plaintext);
        switch (fault) {
            case BAD_BASE64 -> encryptedKey = notBase64(encryptedKey, crypto);
            case UNKNOWN_KEY_VERSION -> version = 99;
            case CORRUPT_CIPHERTEXT -> encryptedMessage = RecordCipher.corruptMessage(randomKey, encryptedMessage);
            default -> {
            }
        }
        ObjectNode entry = mapper.createObjectNode();
        entry.put("seq", seq);
        entry.put("msgid", msgid);
        entry.put("publickey_ver", version);
        entry.put("encrypt_random_key", encryptedKey);
        entry.put("encrypt_chat_msg", encryptedMessage);
        return entry;
    }

    /**
     * Replaces (not inserts) a few characters with ones outside the base64 alphabet: strict decoders reject it,
     * and lenient ones that skip unknown characters get too few bytes for RSA, so it can never decrypt.
     */
    private static String notBase64(String base64, SplittableRandom random) {
        char[] chars = base64.toCharArray();
        String illegal = "*#%!~$";
        for (int i = 0; i < 3; i++) {
            chars[random.nextInt(chars.length - 4)] = illegal.charAt(random.nextInt(illegal.length()));
        }
        return new String(chars);
    }

    String serialise(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
