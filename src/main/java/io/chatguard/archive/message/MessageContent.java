package io.chatguard.archive.message;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The typed body of a message; one record per WeCom msgtype, plus {@link Switch} and {@link Unknown}.
 *
 * <p>Field names follow WeCom's JSON keys in camelCase. Every field is optional on the wire: a missing
 * string or number is {@code null}, a missing list is empty. Numbers are kept in the unit WeCom sends
 * (noted per field where WeCom documents it); only times with a documented unit become {@link Instant}.
 * All records are immutable and safe to share, except the {@link JsonNode} held by {@link Unknown}.
 */
public sealed interface MessageContent {

    /** msgtype {@code text}. */
    record Text(String content) implements MessageContent {
    }

    /** msgtype {@code image}; stored as jpg. */
    record Image(String md5sum, Long filesize, String sdkfileid) implements MessageContent {
    }

    /**
     * msgtype {@code revoke} (action {@code recall}).
     *
     * @param preMsgid msgid of the recalled message
     */
    record Revoke(String preMsgid) implements MessageContent {
    }

    /** msgtype {@code agree}: an external contact agreed to archiving. */
    record Agree(String userid, Instant agreeTime) implements MessageContent {
    }

    /** msgtype {@code disagree}: an external contact refused archiving. */
    record Disagree(String userid, Instant disagreeTime) implements MessageContent {
    }

    /**
     * msgtype {@code voice}; stored as amr.
     *
     * @param voiceSize bytes
     * @param playLength seconds
     */
    record Voice(String md5sum, Long voiceSize, Long playLength, String sdkfileid) implements MessageContent {
    }

    /**
     * msgtype {@code video}; stored as mp4.
     *
     * @param playLength seconds
     */
    record Video(String md5sum, Long filesize, Long playLength, String sdkfileid) implements MessageContent {
    }

    /** msgtype {@code card}: a shared contact card. */
    record Card(String corpname, String userid) implements MessageContent {
    }

    /** msgtype {@code location}. */
    record Location(Double longitude, Double latitude, String address, String title, Integer zoom)
            implements MessageContent {
    }

    /**
     * msgtype {@code emotion}: a sticker.
     *
     * @param type 1 gif, 2 png
     * @param imagesize bytes
     */
    record Emotion(Integer type, Integer width, Integer height, Long imagesize, String md5sum, String sdkfileid)
            implements MessageContent {
    }

    /** msgtype {@code file}; stored under its own {@code fileext}. */
    record File(String md5sum, String filename, String fileext, Long filesize, String sdkfileid)
            implements MessageContent {
    }

    /** msgtype {@code link}. */
    record Link(String title, String description, String linkUrl, String imageUrl) implements MessageContent {
    }

    /** msgtype {@code weapp}: a mini-program card. */
    record Weapp(String title, String description, String username, String displayname) implements MessageContent {
    }

    /**
     * msgtype {@code chatrecord}: forwarded chat history whose items are themselves messages.
     *
     * @param items in document order
     */
    record ChatRecord(String title, List<Item> items) implements MessageContent {
        public ChatRecord {
            items = items == null ? List.of() : List.copyOf(items);
        }

        /**
         * One forwarded message.
         *
         * @param type WeCom item type as sent, such as {@code ChatRecordText}
         * @param msgtype the msgtype whose body shape {@code content} has, such as {@code text}
         * @param msgtime send time; WeCom sends seconds here, not milliseconds
         * @param fromChatroom whether the item came from a group chat, {@code null} when absent
         * @param content the parsed nested body; {@link Unknown} with a {@code null} body when it was not JSON
         */
        public record Item(String type, String msgtype, Instant msgtime, Boolean fromChatroom,
                MessageContent content) {
        }
    }

    /** msgtype {@code todo}. */
    record Todo(String title, String content) implements MessageContent {
    }

    /**
     * msgtype {@code vote}; WeCom puts these fields at the top level of the record, not under a body key.
     *
     * @param votetype 101 start a vote, 102 cast a vote
     */
    record Vote(String votetitle, List<String> voteitem, Integer votetype, String voteid) implements MessageContent {
        public Vote {
            voteitem = voteitem == null ? List.of() : List.copyOf(voteitem);
        }
    }

    /**
     * msgtype {@code collect}: a fill-in form (接龙/填表).
     *
     * @param createTime as WeCom formats it, e.g. {@code 2020-11-23 20:28:35}
     */
    record Collect(String roomName, String creator, String createTime, String title, List<Detail> details)
            implements MessageContent {
        public Collect {
            details = details == null ? List.of() : List.copyOf(details);
        }

        /** One question of the form. */
        public record Detail(Long id, String ques, String type) {
        }
    }

    /**
     * msgtype {@code redpacket}.
     *
     * @param totalamount fen (0.01 CNY)
     */
    record RedPacket(Integer type, String wish, Integer totalcnt, Long totalamount) implements MessageContent {
    }

    /**
     * msgtype {@code external_redpacket} (body key {@code redpacket}).
     *
     * @param totalamount fen (0.01 CNY)
     */
    record ExternalRedPacket(Integer type, String wish, Integer totalcnt, Long totalamount)
            implements MessageContent {
    }

    /**
     * msgtype {@code meeting}: a meeting invitation.
     *
     * @param starttime as sent (epoch seconds per WeCom's docs)
     * @param endtime as sent (epoch seconds per WeCom's docs)
     */
    record Meeting(String topic, Long starttime, Long endtime, String address, String remarks, Integer meetingtype,
            String meetingid, Integer status) implements MessageContent {
    }

    /** msgtype {@code docmsg} (body key {@code doc}): an online document. */
    record DocMsg(String title, String docCreator, String linkUrl) implements MessageContent {
    }

    /** msgtype {@code markdown} (body key {@code info}). */
    record Markdown(String content) implements MessageContent {
    }

    /** msgtype {@code news} (body key {@code info}): article cards. */
    record News(List<Item> items) implements MessageContent {
        public News {
            items = items == null ? List.of() : List.copyOf(items);
        }

        /** One article. */
        public record Item(String title, String description, String url, String picurl) {
        }
    }

    /**
     * msgtype {@code meeting_notification} (body key {@code info}). WeCom documents this body only loosely;
     * the full JSON stays in {@link ParsedMessage#rawJson()}.
     */
    record MeetingNotification(String meetingId, Integer notificationType) implements MessageContent {
    }

    /**
     * msgtype {@code voiptext} (body key {@code info}): an audio/video call summary.
     *
     * @param callduration seconds
     */
    record VoipText(Long callduration, Integer invitetype) implements MessageContent {
    }

    /** msgtype {@code qydiskfile} (body key {@code info}): a WeDrive file. */
    record QyDiskFile(String filename) implements MessageContent {
    }

    /**
     * msgtype {@code calendar}.
     *
     * @param starttime as sent (epoch seconds per WeCom's docs)
     * @param endtime as sent (epoch seconds per WeCom's docs)
     */
    record Calendar(String title, String creatorname, List<String> attendeename, Long starttime, Long endtime,
            String place, String remarks) implements MessageContent {
        public Calendar {
            attendeename = attendeename == null ? List.of() : List.copyOf(attendeename);
        }
    }

    /**
     * msgtype {@code mixed}: text and pictures in one message.
     *
     * @param items in document order
     */
    record Mixed(List<Item> items) implements MessageContent {
        public Mixed {
            items = items == null ? List.of() : List.copyOf(items);
        }

        /**
         * One part.
         *
         * @param type msgtype of the part, such as {@code text} or {@code image}
         * @param content the parsed nested body; {@link Unknown} with a {@code null} body when it was not JSON
         */
        public record Item(String type, MessageContent content) {
        }
    }

    /**
     * msgtype {@code meeting_voice_call}: a recorded voice meeting.
     *
     * @param voiceid the record's top-level {@code voiceid}, {@code null} for nested bodies
     * @param endtime as sent (epoch seconds per WeCom's docs)
     * @param fileext extension when WeCom sends one ({@code fileext} or {@code ext}), else {@code null}
     */
    record MeetingVoiceCall(String voiceid, Long endtime, String sdkfileid, String md5sum, Long filesize,
            String fileext, List<DemoFile> demofiledata, List<ShareScreen> sharescreendata)
            implements MessageContent {
        public MeetingVoiceCall {
            demofiledata = demofiledata == null ? List.of() : List.copyOf(demofiledata);
            sharescreendata = sharescreendata == null ? List.of() : List.copyOf(sharescreendata);
        }

        /** A document presented during the call. */
        public record DemoFile(String filename, String demoer, Long starttime, Long endtime) {
        }

        /** A screen share during the call. */
        public record ShareScreen(String share, Long starttime, Long endtime) {
        }
    }

    /** msgtype {@code voip_doc_share}: a file shared during a call; stored under its filename's extension. */
    record VoipDocShare(String filename, String md5sum, Long filesize, String sdkfileid) implements MessageContent {
    }

    /** msgtype {@code sphfeed}: a WeChat Channels (视频号) post. */
    record SphFeed(Integer feedType, String sphName, String feedDesc) implements MessageContent {
    }

    /**
     * action {@code switch}: a user switched enterprise; these records have no msgtype.
     *
     * @param time switch time (milliseconds on the wire)
     */
    record Switch(String msgid, Instant time, String user) implements MessageContent {
    }

    /**
     * A body ChatGuard does not understand, kept so that nothing is dropped.
     *
     * <p>Either the msgtype is unknown ({@code body} holds its JSON), or a nested item's content could not be
     * parsed, because it was not a JSON object or was nested too deeply ({@code body} is {@code null} and
     * {@code raw} is the content verbatim; its text is then part of {@link ParsedMessage#text()}).
     *
     * <p>NOTE: {@code body} is a defensive copy but Jackson nodes are mutable; do not modify it.
     *
     * @param msgtype the msgtype or item type as sent
     * @param body the body as JSON, or {@code null} when it could not be parsed
     * @param raw the body as text
     */
    record Unknown(String msgtype, JsonNode body, String raw) implements MessageContent {
        public Unknown {
            body = body == null ? null : body.deepCopy();
            raw = raw == null ? "" : raw;
        }
    }
}
