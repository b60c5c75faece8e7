package io.chatguard.archive.simulator;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from the simulator seed.
 *
 * <p>Every random choice of the simulator comes from one of these streams, keyed by (seed, seq, purpose),
 * so a record is a pure function of its seq: a restarted simulator re-produces the same bytes, and the
 * fault chosen for a seq does not shift when the content generator changes how many draws it makes.
 */
final class Seeds {
    /** Purposes: each gets its own stream so draws for one never disturb another. */
    static final int FAULT = 1;
    static final int KIND = 2;
    static final int CONTENT = 3;
    static final int CRYPTO = 4;
    static final int CONVERSATION = 5;
    static final int SENDER = 6;
    static final int TIME = 7;
    static final int MSGID = 8;
    static final int MEDIA = 9;
    static final int CAST = 10;
    static final int TRANSIENT = 11;
    static final int CORRUPT_ONCE = 12;
    static final int KEYS = 13;

    private Seeds() {
    }

    /** SplitMix64 finaliser: a bijective, well-mixed 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long derive(long seed, long key, int purpose) {
        return mix(mix(seed + 0x9e3779b97f4a7c15L * purpose) ^ mix(key * 0xd1b54a32d192ed03L + purpose));
    }

    static SplittableRandom stream(long seed, long key, int purpose) {
        return new SplittableRandom(derive(seed, key, purpose));
    }

    /** A uniform double in [0, 1) for a single decision. */
    static double unit(long seed, long key, int purpose) {
        return (derive(seed, key, purpose) >>> 11) * 0x1.0p-53;
    }
}
