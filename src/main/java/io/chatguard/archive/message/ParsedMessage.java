package io.chatguard.archive.message;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A decrypted WeCom message parsed into its typed content, with the text that scanning and search
 * read and the media files it references.
 *
 * @param msgid WeCom message id, the dedup key
 * @param action {@code send}, {@code recall} or {@code switch}
 * @param from sender id ({@code user} for switch records)
 * @param tolist receiver ids, empty when absent
 * @param roomid group room id, {@code ""} for 1:1 chats
 * @param msgtime send time ({@code time} for switch records)
 * @param msgtype WeCom msgtype, {@code switch} for switch records
 * @param content typed body
 * @param text every piece of human-readable text in the message, nested items included, joined by newlines
 * @param media media files to download, nested items included
 * @param flags parse observations such as {@link #FLAG_UNKNOWN_MSGTYPE}
 * @param rawJson the JSON text that was parsed, after control characters were escaped
 */
public record ParsedMessage(String msgid, String action, String from, List<String> tolist, String roomid,
        Instant msgtime, String msgtype, MessageContent content, String text, List<MediaRef> media,
        Set<String> flags, String rawJson) {

    /** The msgtype is not one ChatGuard knows: kept raw, never dropped. */
    public static final String FLAG_UNKNOWN_MSGTYPE = "unknown_msgtype";
    /** Raw control characters were found inside the JSON and escaped before parsing. */
    public static final String FLAG_CONTROL_CHARS_ESCAPED = "control_chars_escaped";
    /** A nested item (mixed/chatrecord content) was not valid JSON; it is kept as raw text. */
    public static final String FLAG_NESTED_CONTENT_INVALID = "nested_content_invalid";
    /** The record had no usable msgtime ({@code time} for switch records); {@code msgtime} is the epoch. */
    public static final String FLAG_MISSING_MSGTIME = "missing_msgtime";
    /** Items were nested deeper than the parser follows; the deepest content is kept as raw text. */
    public static final String FLAG_NESTING_TOO_DEEP = "nesting_too_deep";

    public ParsedMessage {
        Objects.requireNonNull(msgid, "msgid");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(msgtime, "msgtime");
        Objects.requireNonNull(msgtype, "msgtype");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(rawJson, "rawJson");
        tolist = tolist == null ? List.of() : List.copyOf(tolist);
        roomid = roomid == null ? "" : roomid;
        text = text == null ? "" : text;
        media = media == null ? List.of() : List.copyOf(media);
        flags = flags == null ? Set.of() : Set.copyOf(flags);
    }
}
