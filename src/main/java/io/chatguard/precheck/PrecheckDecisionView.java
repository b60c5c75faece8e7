package io.chatguard.precheck;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A past BLOCK or WARN decision.
 *
 * @param id decision id
 * @param decidedAt when the check ran
 * @param decision BLOCK or WARN
 * @param text the checked text
 * @param hits rule hits as returned by the check
 * @param rulesVersion rules version that decided
 * @param sender WeCom userid given in the request
 * @param receivers receivers given in the request
 * @param roomId room given in the request
 * @param stage {@code typing} (checked while written) or {@code send} (checked when sent)
 */
public record PrecheckDecisionView(long id, Instant decidedAt, String decision, String text, @JsonRawValue String hits,
        String rulesVersion, String sender, List<String> receivers, String roomId, String stage) {

    static PrecheckDecisionView of(PrecheckDecision d) {
        return new PrecheckDecisionView(d.id, d.decidedAt, d.decision, d.text, d.hits, d.rulesVersion, d.sender,
                List.copyOf(d.receivers), d.roomid, d.stage);
    }
}
