package io.chatguard.precheck;

import java.util.List;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A message an advisor is about to send.
 *
 * @param text the message text; required
 * @param sender the advisor's WeCom userid, if the client knows it
 * @param receivers WeCom ids of the recipients
 * @param roomId group chat id, empty for 1:1
 * @param stage {@code send} (the default) when the message is about to go out, {@code typing} for
 *        checks while it is being written
 */
public record PrecheckRequest(@Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String text,
        @Size(max = 128) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String sender,
        @Size(max = 2000) List<@Size(max = 128) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String> receivers,
        @Size(max = 128) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String roomId,
        @Pattern(regexp = "typing|send", message = "must be typing or send") String stage) {

    /**
     * No chat message holds U+0000, and PostgreSQL text cannot store it: a decision carrying one could
     * not be recorded, so it is refused up front.
     */
    static final String NO_NUL = "[^\\x00]*";
    static final String NUL_MESSAGE = "must not contain the NUL character (U+0000)";

    public PrecheckRequest {
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
        stage = stage == null ? "send" : stage;
    }

    /** A message about to be sent. */
    public PrecheckRequest(String text, String sender, List<String> receivers, String roomId) {
        this(text, sender, receivers, roomId, "send");
    }
}
