package io.chatguard.alert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One action on a selection of alerts: {@code ids} plus the fields of {@link AlertActionRequest}.
 *
 * @param ids the alerts, at most 500
 */
public record BulkActionRequest(
        @NotEmpty(message = "must list at least one alert") @Size(max = 500) List<@NotNull Long> ids,
        @NotBlank(message = "is required") @Pattern(regexp = "claim|assign|note|escalate|close|reopen|tag",
                message = "must be one of claim, assign, note, escalate, close, reopen, tag") String action,
        @Size(max = 128) String assignee,
        @Pattern(regexp = "violation|false_positive|no_action",
                message = "must be violation, false_positive or no_action") String resolution,
        @Size(max = 4000) String note,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> tags) {

    public BulkActionRequest {
        // Not List.copyOf: a null id must reach validation as a 400, not fail here.
        ids = ids == null ? null : Collections.unmodifiableList(new ArrayList<>(ids));
        tags = tags == null ? null : Collections.unmodifiableList(new ArrayList<>(tags));
    }

    AlertActionRequest single() {
        return new AlertActionRequest(action, assignee, resolution, note, tags);
    }
}
