package io.chatguard.rules;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A text to try against the live rules on the rules page.
 *
 * @param text the text, up to 10 000 chars
 */
public record RuleTestRequest(@NotBlank(message = "text is required") @Size(max = 10_000) String text) {
}
