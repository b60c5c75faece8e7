package io.chatguard.scan;

import java.time.Instant;

/**
 * A rule hit in an archived message.
 *
 * @param id finding id; null for a hit a rescan found already recorded by an interrupted run of the same batch
 * @param messageId message id
 * @param msgid WeCom msgid
 * @param sender userid of the sender (the employee, for outgoing messages)
 * @param conversationId conversation, if known
 * @param msgtime when the message was sent
 * @param ruleId rule that hit
 * @param rulesVersion rules version of the scan
 * @param category compliance category
 * @param severity low | medium | high | critical
 * @param action BLOCK or WARN
 * @param start start of the hit in the message text (UTF-16)
 * @param end end of the hit (exclusive)
 * @param matched normalised terms that matched
 * @param original the text as typed, {@code text[start, end)}
 */
public record FindingRecord(Long id, long messageId, String msgid, String sender, Long conversationId, Instant msgtime,
        String ruleId, String rulesVersion, String category, String severity, String action, int start, int end,
        String matched, String original) {

    static FindingRecord of(Finding f, io.chatguard.archive.MessageText m) {
        return new FindingRecord(f.id, f.messageId, m.msgid(), m.sender(), m.conversationId(), m.msgtime(), f.ruleId,
                f.rulesVersion, f.category, f.severity, f.action, f.start, f.end, f.matched, f.original);
    }
}
