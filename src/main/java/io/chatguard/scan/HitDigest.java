package io.chatguard.scan;

import java.util.List;

import io.chatguard.rules.RuleHit;

/**
 * A 64-bit digest of a message's hits: rule, span, normalised match, category, severity and action of
 * each, in order. Stored in {@code message_scan}, it lets a rescan see that a rules change left a message's
 * verdict as it was without reading the message's findings. FNV-1a over the UTF-16 units, with a
 * separator between fields: fixed by this code, never by the JVM, since digests outlive processes.
 */
final class HitDigest {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private HitDigest() {
    }

    /** The digest of {@code hits}; the same for the same hits in the same order, whatever the rules version. */
    static long of(List<RuleHit> hits) {
        long h = OFFSET;
        for (RuleHit hit : hits) {
            h = mix(h, hit.ruleId());
            h = mix(h, hit.category());
            h = mix(h, hit.severity());
            h = mix(h, hit.action().name());
            h = mix(h, hit.matched());
            h = mix(h, hit.start());
            h = mix(h, hit.end());
            h = mix(h, '\n');
        }
        return h;
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * PRIME;
        }
        return (h ^ 0x1f) * PRIME;
    }

    private static long mix(long h, int v) {
        for (int shift = 0; shift < 32; shift += 8) {
            h = (h ^ ((v >>> shift) & 0xff)) * PRIME;
        }
        return (h ^ 0x1f) * PRIME;
    }
}
