package io.chatguard.archive;

import java.time.Instant;
import java.util.List;

/**
 * What a scan needs of a stored message: who sent it where and when, and its text (every msgtype's
 * readable strings, nested items and file names included).
 *
 * @param id message id
 * @param msgid WeCom msgid
 * @param sender userid of the sender
 * @param tolist recipients
 * @param roomid group chat id, empty for 1:1
 * @param conversationId conversation, if known
 * @param msgtime when it was sent
 * @param msgtype WeCom msgtype
 * @param text extracted text; empty when the message has none
 */
public record MessageText(long id, String msgid, String sender, List<String> tolist, String roomid, Long conversationId,
        Instant msgtime, String msgtype, String text) {
    public MessageText {
        tolist = tolist == null ? List.of() : List.copyOf(tolist);
        text = text == null ? "" : text;
    }
}
