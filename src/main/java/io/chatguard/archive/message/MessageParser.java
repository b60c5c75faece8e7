package io.chatguard.archive.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses one decrypted WeCom session-archive record into a {@link ParsedMessage}: typed content, the text that
 * scanning and search read, and the media files to download.
 *
 * <p>Raw control characters are escaped first (see {@link ParsedMessage#FLAG_CONTROL_CHARS_ESCAPED}). The
 * JSON-string content of {@code mixed} and {@code chatrecord} items is parsed recursively, up to eight
 * levels deep. Parsing is lenient about bodies: unknown msgtypes, missing fields and
 * broken nested content are kept and flagged, never thrown. Only a record that cannot be stored as a message at
 * all fails, with a {@link MessageParseException} whose reason is {@code invalid_json}, {@code missing_msgid} or
 * {@code missing_msgtype}.
 *
 * <p>Thread-safe: one instance may be shared; it holds only an immutable, fully configured mapper.
 */
public final class MessageParser {
    private final ObjectMapper mapper = new ObjectMapper()
            // "{...} garbage" would otherwise parse as the first object and hide a corrupt record.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final ContentReader contentReader = new ContentReader(mapper);

    /**
     * Parses one decrypted record.
     *
     * @param json the decrypted record text, possibly with raw control characters
     * @throws MessageParseException when the record is not JSON ({@code invalid_json}), has no msgid
     *         ({@code missing_msgid}) or, unless it is a switch record, no msgtype ({@code missing_msgtype})
     */
    public ParsedMessage parse(String json) throws MessageParseException {
        if (json == null || json.isBlank()) {
            throw new MessageParseException("invalid_json", "record is empty");
        }
        Set<String> flags = new LinkedHashSet<>();
        String escaped = ControlChars.escape(json);
        if (escaped != json) {
            flags.add(ParsedMessage.FLAG_CONTROL_CHARS_ESCAPED);
        }
        JsonNode root;
        try {
            root = mapper.readTree(escaped);
        } catch (JsonProcessingException e) {
            // getOriginalMessage leaves out the source excerpt, which may contain message content.
            throw new MessageParseException("invalid_json", e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MessageParseException("missing_msgid", "record is not a JSON object");
        }
        String msgid = ContentReader.str(root, "msgid");
        if (msgid == null || msgid.isBlank()) {
            throw new MessageParseException("missing_msgid", "record has no msgid");
        }
        String action = ContentReader.str(root, "action");
        if ("switch".equals(action)) {
            Instant time = time(root, "time", flags);
            String user = ContentReader.str(root, "user");
            return new ParsedMessage(msgid, action, user, List.of(), "", time, "switch",
                    new MessageContent.Switch(msgid, time, user), "", List.of(), flags, escaped);
        }
        String msgtype = ContentReader.str(root, "msgtype");
        if (msgtype == null || msgtype.isBlank()) {
            throw new MessageParseException("missing_msgtype", "record " + msgid + " has no msgtype");
        }
        MessageContent content = contentReader.readTop(msgtype, root, flags);
        return new ParsedMessage(msgid, action == null ? "send" : action, ContentReader.str(root, "from"),
                tolist(root.path("tolist")), ContentReader.str(root, "roomid"), time(root, "msgtime", flags), msgtype,
                content, ContentWalker.text(content), ContentWalker.media(content), flags, escaped);
    }

    private static Instant time(JsonNode root, String field, Set<String> flags) {
        Long millis = ContentReader.lng(root, field);
        if (millis == null) {
            flags.add(ParsedMessage.FLAG_MISSING_MSGTIME);
            return Instant.EPOCH;
        }
        return Instant.ofEpochMilli(millis);
    }

    private static List<String> tolist(JsonNode node) {
        if (node.isTextual()) {
            // Lenient: a single receiver given as a plain string.
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            String id = ContentReader.text(n);
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }
}
