package io.chatguard.archive;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A message with the messages around it in its conversation, oldest first. Texts are attacker-controlled:
 * escape them when showing them.
 *
 * @param msgid the message asked for
 * @param messages it and up to {@code around} messages of its conversation on each side, in time order
 */
public record ConversationView(String msgid, List<Entry> messages) {
    public ConversationView {
        messages = List.copyOf(messages);
    }

    /**
     * One message of the conversation.
     *
     * @param msgid WeCom msgid
     * @param action send, recall or switch
     * @param from sender userid
     * @param tolist recipients
     * @param roomid group chat id, empty for 1:1
     * @param msgtime when it was sent
     * @param msgtype WeCom msgtype
     * @param text extracted text
     * @param media its media files; {@code GET /api/v1/messages/{msgid}/media/{index}} downloads a stored one
     */
    public record Entry(String msgid, String action, @JsonProperty("from") String from, List<String> tolist, String roomid,
            Instant msgtime, String msgtype, String text, List<MediaView> media) {
        public Entry {
            tolist = tolist == null ? List.of() : List.copyOf(tolist);
            media = List.copyOf(media);
        }
    }
}
