package io.chatguard.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic sampling: a message is in the sample when its msgid's SHA-256 bucket falls under the rate. */
final class Sampling {
    private Sampling() {
    }

    /** Whether {@code msgid} is among the {@code percent} % sampled (0–100, two decimals of precision). */
    static boolean selects(String msgid, double percent) {
        if (percent <= 0) {
            return false;
        }
        if (percent >= 100) {
            return true;
        }
        return bucket(msgid) < Math.round(percent * 100);
    }

    /** A stable number in [0, 10 000) from the msgid. */
    static int bucket(String msgid) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(msgid.getBytes(StandardCharsets.UTF_8));
            int v = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
            return Integer.remainderUnsigned(v, 10_000);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
