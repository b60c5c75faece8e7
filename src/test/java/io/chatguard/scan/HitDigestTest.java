package io.chatguard.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.chatguard.rules.Decision;
import io.chatguard.rules.RuleHit;

class HitDigestTest {
    private static final RuleHit PRINCIPAL = new RuleHit("guarantee_return.principal", "guarantee_return", "critical",
            Decision.BLOCK, "保本", 5, 8, "保 本", "向客户承诺保本");
    private static final RuleHit REBATE = new RuleHit("kickback.rebate", "kickback", "high", Decision.BLOCK, "返佣", 12, 14,
            "返佣", "返佣");

    @Test
    void theSameHitsGiveTheSameDigestWhateverTheTextAsTypedOrTheDescription() {
        var typedOtherwise = new RuleHit(PRINCIPAL.ruleId(), PRINCIPAL.category(), PRINCIPAL.severity(), PRINCIPAL.action(),
                PRINCIPAL.matched(), PRINCIPAL.start(), PRINCIPAL.end(), "饱本", "another wording of the rule's purpose");
        assertThat(HitDigest.of(List.of(PRINCIPAL, REBATE))).isEqualTo(HitDigest.of(List.of(typedOtherwise, REBATE)));
    }

    @Test
    void anyChangeAReviewerWouldSeeChangesTheDigest() {
        long base = HitDigest.of(List.of(PRINCIPAL));
        assertThat(List.of(
                with(PRINCIPAL, "guarantee_return.yield", PRINCIPAL.category(), PRINCIPAL.severity(), PRINCIPAL.action(),
                        PRINCIPAL.matched(), 5, 8),
                with(PRINCIPAL, PRINCIPAL.ruleId(), "absolute_claims", PRINCIPAL.severity(), PRINCIPAL.action(),
                        PRINCIPAL.matched(), 5, 8),
                with(PRINCIPAL, PRINCIPAL.ruleId(), PRINCIPAL.category(), "high", PRINCIPAL.action(), PRINCIPAL.matched(), 5, 8),
                with(PRINCIPAL, PRINCIPAL.ruleId(), PRINCIPAL.category(), PRINCIPAL.severity(), Decision.WARN,
                        PRINCIPAL.matched(), 5, 8),
                with(PRINCIPAL, PRINCIPAL.ruleId(), PRINCIPAL.category(), PRINCIPAL.severity(), PRINCIPAL.action(), "保本保息", 5, 8),
                with(PRINCIPAL, PRINCIPAL.ruleId(), PRINCIPAL.category(), PRINCIPAL.severity(), PRINCIPAL.action(),
                        PRINCIPAL.matched(), 4, 8),
                with(PRINCIPAL, PRINCIPAL.ruleId(), PRINCIPAL.category(), PRINCIPAL.severity(), PRINCIPAL.action(),
                        PRINCIPAL.matched(), 5, 9))
                .stream().map(h -> HitDigest.of(List.of(h))).toList())
                .doesNotContain(base).doesNotHaveDuplicates();
        assertThat(HitDigest.of(List.of(REBATE, PRINCIPAL))).isNotEqualTo(HitDigest.of(List.of(PRINCIPAL, REBATE)));
        assertThat(HitDigest.of(List.of(PRINCIPAL, PRINCIPAL))).isNotEqualTo(base);
        assertThat(HitDigest.of(List.of())).isNotEqualTo(base);
    }

    @Test
    void digestsAreFixedByTheCodeNotTheJvm() {
        // Stored in message_scan: a change to this value makes every message look changed to the next rescan.
        assertThat(HitDigest.of(List.of())).isEqualTo(0xcbf29ce484222325L);
        // Computed by an independent implementation of the same FNV-1a walk.
        assertThat(HitDigest.of(List.of(PRINCIPAL, REBATE))).isEqualTo(0xaa33a90da324ae78L);
    }

    private static RuleHit with(RuleHit h, String ruleId, String category, String severity, Decision action, String matched,
            int start, int end) {
        return new RuleHit(ruleId, category, severity, action, matched, start, end, h.original(), h.description());
    }
}
