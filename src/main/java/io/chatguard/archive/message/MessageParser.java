package io.chatguard.archive.message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses decrypted WeCom message JSON. Thread-safe.
 *
 * <p>PLACEHOLDER: handles the common fields and text messages only; the full typed parser replaces it.
 */
public final class MessageParser {
    private final ObjectMapper mapper = new ObjectMapper();

    public ParsedMessage parse(String json) throws MessageParseException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MessageParseException("invalid_json", e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.hasNonNull("msgid")) {
            throw new MessageParseException("missing_msgid", "record has no msgid");
        }
        String action = root.path("action").asText("send");
        boolean isSwitch = "switch".equals(action);
        String msgtype = isSwitch ? "switch" : root.path("msgtype").asText("");
        List<String> tolist = new ArrayList<>();
        root.path("tolist").forEach(n -> tolist.add(n.asText()));
        String text = "text".equals(msgtype) ? root.path("text").path("content").asText("") : "";
        return new ParsedMessage(root.get("msgid").asText(), action,
                isSwitch ? root.path("user").asText(null) : root.path("from").asText(null), tolist,
                root.path("roomid").asText(""),
                Instant.ofEpochMilli(isSwitch ? root.path("time").asLong() : root.path("msgtime").asLong()),
                msgtype, new MessageContent() {
                }, text, List.of(), Set.of(), json);
    }
}
