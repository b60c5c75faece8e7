package io.chatguard.alert;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A reviewer's action on an alert.
 *
 * @param action claim | assign | note | escalate | close | reopen | tag
 * @param assignee for assign: who gets it
 * @param resolution for close: violation | false_positive | no_action
 * @param note why; required to close, reopen and escalate, and the content of a note
 * @param tags for tag: the alert's tags from now on
 */
public record AlertActionRequest(
        @NotBlank(message = "is required") @Pattern(regexp = "claim|assign|note|escalate|close|reopen|tag",
                message = "must be one of claim, assign, note, escalate, close, reopen, tag") String action,
        @Size(max = 128) String assignee,
        @Pattern(regexp = "violation|false_positive|no_action",
                message = "must be violation, false_positive or no_action") String resolution,
        @Size(max = 4000) String note,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> tags) {

    public AlertActionRequest {
        // Not List.copyOf: a null tag must reach validation as a 400, not fail here.
        tags = tags == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tags));
    }
}
