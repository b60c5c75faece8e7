package io.chatguard.archive;

/**
 * A message's id and extracted text: all that checking it against the rules needs.
 *
 * @param id message id
 * @param text extracted text (every msgtype's readable strings); empty when the message has none
 */
public record StoredText(long id, String text) {
    public StoredText {
        text = text == null ? "" : text;
    }
}
