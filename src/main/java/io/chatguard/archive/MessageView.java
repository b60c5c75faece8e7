package io.chatguard.archive;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * An archived message as shown to compliance officers.
 *
 * @param msgid WeCom message id (the dedup key)
 * @param action send, recall or switch
 * @param from sender userid
 * @param tolist receiver ids
 * @param roomid group room id, empty for 1:1 chats
 * @param msgtime send time
 * @param msgtype WeCom message type
 * @param text text extracted from the message body for scanning and search
 * @param raw the decrypted record exactly as received
 * @param flags ingestion flags such as {@code unknown_msgtype}
 * @param seq archive seq, null for imported messages
 * @param media media files with their object keys
 * @param evidence evidence objects holding the message's original records, with SHA-256
 */
public record MessageView(String msgid, String action, @JsonProperty("from") String from, List<String> tolist,
        String roomid, Instant msgtime, String msgtype, String text, @JsonRawValue String raw, List<String> flags,
        Long seq, List<MediaView> media, List<EvidenceView> evidence) {

    public MessageView {
        tolist = tolist == null ? List.of() : List.copyOf(tolist);
        flags = flags == null ? List.of() : List.copyOf(flags);
        media = media == null ? List.of() : List.copyOf(media);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    static MessageView of(ChatMessage m, List<MediaView> media, List<EvidenceView> evidence) {
        return new MessageView(m.msgid, m.action, m.sender, m.tolist, m.roomid == null ? "" : m.roomid, m.msgtime,
                m.msgtype, m.contentText, m.raw, m.flags, m.seq, media, evidence);
    }
}
