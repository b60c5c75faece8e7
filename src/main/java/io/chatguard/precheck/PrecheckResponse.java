package io.chatguard.precheck;

import java.util.List;

import io.chatguard.rules.Decision;
import io.chatguard.rules.RuleHit;

/**
 * The answer to a pre-send check. A stable public contract: fields are only ever added.
 *
 * @param decision BLOCK (do not send), WARN (ask the advisor to confirm) or PASS
 * @param hits where and why, with start/end indexing the submitted text in UTF-16 code units
 * @param rulesVersion the rules version that decided
 * @param tookMicros server time spent checking, in microseconds
 */
public record PrecheckResponse(Decision decision, List<RuleHit> hits, String rulesVersion, long tookMicros) {
}
