package io.chatguard.archive.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.chatguard.archive.message.MessageContent.Agree;
import io.chatguard.archive.message.MessageContent.Calendar;
import io.chatguard.archive.message.MessageContent.Card;
import io.chatguard.archive.message.MessageContent.ChatRecord;
import io.chatguard.archive.message.MessageContent.Collect;
import io.chatguard.archive.message.MessageContent.Disagree;
import io.chatguard.archive.message.MessageContent.DocMsg;
import io.chatguard.archive.message.MessageContent.Emotion;
import io.chatguard.archive.message.MessageContent.ExternalRedPacket;
import io.chatguard.archive.message.MessageContent.File;
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
import io.chatguard.archive.message.MessageContent.Revoke;
import io.chatguard.archive.message.MessageContent.SphFeed;
import io.chatguard.archive.message.MessageContent.Text;
import io.chatguard.archive.message.MessageContent.Todo;
import io.chatguard.archive.message.MessageContent.Unknown;
import io.chatguard.archive.message.MessageContent.Video;
import io.chatguard.archive.message.MessageContent.Voice;
import io.chatguard.archive.message.MessageContent.VoipDocShare;
import io.chatguard.archive.message.MessageContent.VoipText;
import io.chatguard.archive.message.MessageContent.Vote;
import io.chatguard.archive.message.MessageContent.Weapp;

/**
 * Turns a message body into its {@link MessageContent} record, parsing the JSON-string content of
 * {@code mixed} and {@code chatrecord} items recursively. Lenient: absent or mistyped fields become
 * {@code null} or empty, and nothing here throws for bad input. Thread-safe when its mapper is.
 */
final class ContentReader {
    /** Deepest nested item parsed; deeper content is kept raw so hostile input cannot exhaust the stack. */
    static final int MAX_DEPTH = 8;

    private static final String CHATRECORD_PREFIX = "chatrecord";

    private final ObjectMapper mapper;

    ContentReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Key under which a top-level record carries the body of {@code msgtype}; {@code null} means the record itself. */
    static String bodyKey(String msgtype) {
        return switch (msgtype) {
            case "docmsg" -> "doc";
            case "markdown", "news", "meeting_notification", "voiptext", "qydiskfile" -> "info";
            case "external_redpacket" -> "redpacket";
            case "vote" -> null;
            default -> msgtype;
        };
    }

    /** Reads the body of a top-level record. */
    MessageContent readTop(String msgtype, JsonNode record, Set<String> flags) {
        String key = bodyKey(msgtype);
        JsonNode body = key == null ? record : record.path(key);
        if ("meeting_voice_call".equals(msgtype)) {
            // voiceid sits beside the body, not inside it.
            return meetingVoiceCall(body, str(record, "voiceid"));
        }
        if (!isKnown(msgtype)) {
            flags.add(ParsedMessage.FLAG_UNKNOWN_MSGTYPE);
            JsonNode kept = body.isMissingNode() ? record : body;
            return new Unknown(msgtype, kept, kept.toString());
        }
        return read(msgtype, body, 0, flags);
    }

    private static boolean isKnown(String msgtype) {
        return switch (msgtype) {
            case "text", "image", "revoke", "agree", "disagree", "voice", "video", "card", "location", "emotion",
                    "file", "link", "weapp", "chatrecord", "todo", "vote", "collect", "redpacket",
                    "external_redpacket", "meeting", "docmsg", "markdown", "news", "meeting_notification",
                    "voiptext", "qydiskfile", "calendar", "mixed", "meeting_voice_call", "voip_doc_share",
                    "sphfeed" -> true;
            default -> false;
        };
    }

    private MessageContent read(String msgtype, JsonNode b, int depth, Set<String> flags) {
        return switch (msgtype) {
            case "text" -> new Text(str(b, "content"));
            case "image" -> new Image(str(b, "md5sum"), lng(b, "filesize"), str(b, "sdkfileid"));
            case "revoke" -> new Revoke(str(b, "pre_msgid"));
            case "agree" -> new Agree(str(b, "userid"), millis(b, "agree_time"));
            case "disagree" -> new Disagree(str(b, "userid"), millis(b, "disagree_time"));
            case "voice" -> new Voice(str(b, "md5sum"), lng(b, "voice_size"), lng(b, "play_length"),
                    str(b, "sdkfileid"));
            case "video" -> new Video(str(b, "md5sum"), lng(b, "filesize"), lng(b, "play_length"),
                    str(b, "sdkfileid"));
            case "card" -> new Card(str(b, "corpname"), str(b, "userid"));
            case "location" -> new Location(dbl(b, "longitude"), dbl(b, "latitude"), str(b, "address"),
                    str(b, "title"), integer(b, "zoom"));
            case "emotion" -> new Emotion(integer(b, "type"), integer(b, "width"), integer(b, "height"),
                    lng(b, "imagesize"), str(b, "md5sum"), str(b, "sdkfileid"));
            case "file" -> new File(str(b, "md5sum"), str(b, "filename"), str(b, "fileext"), lng(b, "filesize"),
                    str(b, "sdkfileid"));
            case "link" -> new Link(str(b, "title"), str(b, "description"), str(b, "link_url"),
                    str(b, "image_url"));
            case "weapp" -> new Weapp(str(b, "title"), str(b, "description"), str(b, "username"),
                    str(b, "displayname"));
            case "chatrecord" -> new ChatRecord(str(b, "title"),
                    list(b.path("item"), item -> chatRecordItem(item, depth + 1, flags)));
            case "todo" -> new Todo(str(b, "title"), str(b, "content"));
            case "vote" -> new Vote(str(b, "votetitle"), list(b.path("voteitem"), ContentReader::text),
                    integer(b, "votetype"), str(b, "voteid"));
            case "collect" -> new Collect(str(b, "room_name"), str(b, "creator"), str(b, "create_time"),
                    str(b, "title"), list(b.path("details"),
                            d -> new Collect.Detail(lng(d, "id"), str(d, "ques"), str(d, "type"))));
            case "redpacket" -> new RedPacket(integer(b, "type"), str(b, "wish"), integer(b, "totalcnt"),
                    lng(b, "totalamount"));
            case "external_redpacket" -> new ExternalRedPacket(integer(b, "type"), str(b, "wish"),
                    integer(b, "totalcnt"), lng(b, "totalamount"));
            case "meeting" -> new Meeting(str(b, "topic"), lng(b, "starttime"), lng(b, "endtime"),
                    str(b, "address"), str(b, "remarks"), integer(b, "meetingtype"), str(b, "meetingid"),
                    integer(b, "status"));
            case "docmsg" -> new DocMsg(str(b, "title"), str(b, "doc_creator"), str(b, "link_url"));
            case "markdown" -> new Markdown(str(b, "content"));
            case "news" -> new News(list(b.path("item"),
                    i -> new News.Item(str(i, "title"), str(i, "description"), str(i, "url"), str(i, "picurl"))));
            case "meeting_notification" -> new MeetingNotification(str(b, "meeting_id"),
                    integer(b, "notification_type"));
            case "voiptext" -> new VoipText(lng(b, "callduration"), integer(b, "invitetype"));
            case "qydiskfile" -> new QyDiskFile(str(b, "filename"));
            case "calendar" -> new Calendar(str(b, "title"), str(b, "creatorname"),
                    list(b.path("attendeename"), ContentReader::text), lng(b, "starttime"), lng(b, "endtime"),
                    str(b, "place"), str(b, "remarks"));
            case "mixed" -> new Mixed(list(b.path("item"), item -> mixedItem(item, depth + 1, flags)));
            case "meeting_voice_call" -> meetingVoiceCall(b, null);
            case "voip_doc_share" -> new VoipDocShare(str(b, "filename"), str(b, "md5sum"), lng(b, "filesize"),
                    str(b, "sdkfileid"));
            case "sphfeed" -> new SphFeed(integer(b, "feed_type"), str(b, "sph_name"), str(b, "feed_desc"));
            default -> {
                flags.add(ParsedMessage.FLAG_UNKNOWN_MSGTYPE);
                yield new Unknown(msgtype, b.isMissingNode() ? null : b, b.isMissingNode() ? "" : b.toString());
            }
        };
    }

    private static MeetingVoiceCall meetingVoiceCall(JsonNode b, String voiceid) {
        String ext = str(b, "fileext");
        return new MeetingVoiceCall(voiceid, lng(b, "endtime"), str(b, "sdkfileid"), str(b, "md5sum"),
                lng(b, "filesize"), ext != null ? ext : str(b, "ext"),
                list(b.path("demofiledata"), d -> new MeetingVoiceCall.DemoFile(str(d, "filename"),
                        str(d, "demoer"), lng(d, "starttime"), lng(d, "endtime"))),
                list(b.path("sharescreendata"), s -> new MeetingVoiceCall.ShareScreen(str(s, "share"),
                        lng(s, "starttime"), lng(s, "endtime"))));
    }

    private ChatRecord.Item chatRecordItem(JsonNode item, int depth, Set<String> flags) {
        String type = str(item, "type");
        String msgtype = chatRecordMsgtype(type);
        Long seconds = lng(item, "msgtime");
        Boolean fromChatroom = item.path("from_chatroom").isBoolean() ? item.path("from_chatroom").asBoolean() : null;
        // Out-of-range seconds would make Instant throw; lenient parsing treats them as absent.
        Instant msgtime = seconds == null || Math.abs(seconds) > Instant.MAX.getEpochSecond() ? null
                : Instant.ofEpochSecond(seconds);
        return new ChatRecord.Item(type, msgtype, msgtime,
                fromChatroom, nested(msgtype, item.path("content"), depth, flags));
    }

    /** {@code ChatRecordText} → {@code text}; the suffix names the msgtype whose body shape the item has. */
    static String chatRecordMsgtype(String type) {
        if (type == null) {
            return "";
        }
        String lower = type.toLowerCase(Locale.ROOT);
        String suffix = lower.startsWith(CHATRECORD_PREFIX) && lower.length() > CHATRECORD_PREFIX.length()
                ? lower.substring(CHATRECORD_PREFIX.length())
                : lower;
        return "doc".equals(suffix) ? "docmsg" : suffix;
    }

    private Mixed.Item mixedItem(JsonNode item, int depth, Set<String> flags) {
        String type = str(item, "type");
        return new Mixed.Item(type, nested(type == null ? "" : type, item.path("content"), depth, flags));
    }

    /** Parses an item's content, which WeCom sends as a JSON document inside a JSON string. */
    private MessageContent nested(String msgtype, JsonNode content, int depth, Set<String> flags) {
        if (depth > MAX_DEPTH) {
            flags.add(ParsedMessage.FLAG_NESTING_TOO_DEEP);
            return new Unknown(msgtype, null, content.isTextual() ? content.asText() : content.toString());
        }
        if (content.isMissingNode() || content.isNull()) {
            return read(msgtype, MissingNode.getInstance(), depth, flags);
        }
        if (content.isObject()) {
            // Some exports embed the object directly instead of as a string; accept both.
            return read(msgtype, content, depth, flags);
        }
        String raw = content.asText();
        String escaped = ControlChars.escape(raw);
        if (escaped != raw) {
            flags.add(ParsedMessage.FLAG_CONTROL_CHARS_ESCAPED);
        }
        JsonNode parsed;
        try {
            parsed = mapper.readTree(escaped);
        } catch (JsonProcessingException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isObject()) {
            flags.add(ParsedMessage.FLAG_NESTED_CONTENT_INVALID);
            return new Unknown(msgtype, null, raw);
        }
        return read(msgtype, parsed, depth, flags);
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> element) {
        if (!array.isArray()) {
            return List.of();
        }
        List<T> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            T value = element.apply(n);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    /** Scalar as text, {@code null} for null, absent or structured values. */
    static String text(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() || v.isContainerNode() ? null : v.asText();
    }

    static String str(JsonNode node, String field) {
        return text(node.get(field));
    }

    /** Number, or a string holding one (WeCom is not consistent); otherwise {@code null}. */
    static Long lng(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return (long) v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Integer integer(JsonNode node, String field) {
        Long v = lng(node, field);
        return v == null || v != v.intValue() ? null : v.intValue();
    }

    private static Double dbl(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Instant millis(JsonNode node, String field) {
        Long v = lng(node, field);
        return v == null ? null : Instant.ofEpochMilli(v);
    }
}
