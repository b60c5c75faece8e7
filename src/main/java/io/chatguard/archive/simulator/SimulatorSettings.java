package io.chatguard.archive.simulator;

import java.time.Instant;

/**
 * Everything that determines an {@link ArchiveSimulator}'s output. Two simulators built from equal settings
 * produce byte-identical GetChatData responses, which is what crash/restart tests rely on.
 *
 * @param seed root of every random choice (content, keys, faults, padding, IVs)
 * @param volume total number of records; seqs run from 1 to {@code volume}
 * @param ratePerSecond records that become available per second from construction; 0 makes the whole
 *        volume available at once
 * @param keyVersions number of RSA key versions (1..98); the stream uses versions 1..n in consecutive
 *        equal segments, so any stream of at least n records carries every version
 * @param violationShare share (0..1) of advisor text messages that are compliance violations; mixed,
 *        chatrecord and file messages from advisors carry violations at a lower, related rate
 * @param startEpochMillis msgtime base; msgtime grows by a few seconds to about a minute per seq
 * @param faults injected faults
 */
public record SimulatorSettings(long seed, long volume, double ratePerSecond, int keyVersions,
        double violationShare, long startEpochMillis, Faults faults) {

    /** The msgtime base of {@link #defaults}: a fixed instant, so restarts do not move it. */
    public static final long DEFAULT_START_EPOCH_MILLIS = Instant.parse("2025-03-03T01:30:00Z").toEpochMilli();

    public SimulatorSettings {
        if (volume < 0) {
            throw new IllegalArgumentException("volume must be >= 0: " + volume);
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be a finite value >= 0: " + ratePerSecond);
        }
        // 99 is reserved for the unknown-key-version fault.
        if (keyVersions < 1 || keyVersions > 98) {
            throw new IllegalArgumentException("keyVersions must be in 1..98: " + keyVersions);
        }
        checkProbability("violationShare", violationShare);
        java.util.Objects.requireNonNull(faults, "faults");
    }

    /**
     * Defaults for tests and demos: all records available at once, two key versions, 8 % violations, a fixed
     * start instant and no faults (add them with {@link #withFaults}, e.g. {@link Faults#mixed()}).
     */
    public static SimulatorSettings defaults(long seed, long volume) {
        return new SimulatorSettings(seed, volume, 0, 2, 0.08, DEFAULT_START_EPOCH_MILLIS, Faults.NONE);
    }

    public SimulatorSettings withFaults(Faults newFaults) {
        return new SimulatorSettings(seed, volume, ratePerSecond, keyVersions, violationShare, startEpochMillis,
                newFaults);
    }

    public SimulatorSettings withRatePerSecond(double newRate) {
        return new SimulatorSettings(seed, volume, newRate, keyVersions, violationShare, startEpochMillis, faults);
    }

    public SimulatorSettings withKeyVersions(int newKeyVersions) {
        return new SimulatorSettings(seed, volume, ratePerSecond, newKeyVersions, violationShare, startEpochMillis,
                faults);
    }

    public SimulatorSettings withViolationShare(double newShare) {
        return new SimulatorSettings(seed, volume, ratePerSecond, keyVersions, newShare, startEpochMillis, faults);
    }

    public SimulatorSettings withStartEpochMillis(long newStart) {
        return new SimulatorSettings(seed, volume, ratePerSecond, keyVersions, violationShare, newStart, faults);
    }

    /**
     * Injected faults. The six record faults are mutually exclusive per seq (so their probabilities must sum
     * to at most 1); {@code mediaCorruptOnce} is drawn independently per record and applies to all of its
     * media files; {@code transientError} is drawn per GetChatData/GetMediaData call.
     *
     * @param badBase64 {@code encrypt_random_key} is not valid base64
     * @param unknownKeyVersion {@code publickey_ver} is 99, for which no private key exists
     * @param corruptCiphertext {@code encrypt_chat_msg} fails AES padding in DecryptData (10006)
     * @param invalidJson a correctly encrypted message whose plaintext is truncated JSON
     * @param controlChars a valid text message with raw control characters inside its string values
     * @param unknownMsgtype a valid message with an undocumented msgtype such as {@code future_feature_x}
     * @param mediaCorruptOnce the first complete download of each of the record's media files has one
     *        corrupted chunk (md5 mismatch); later downloads are correct
     * @param transientError per-call probability that GetChatData/GetMediaData throw 10001 or 10002
     * @param fatalFromSeq GetChatData with a seq at or above this returns errcode 301052; -1 = never
     */
    public record Faults(double badBase64, double unknownKeyVersion, double corruptCiphertext, double invalidJson,
            double controlChars, double unknownMsgtype, double mediaCorruptOnce, double transientError,
            long fatalFromSeq) {

        /** No faults at all. */
        public static final Faults NONE = new Faults(0, 0, 0, 0, 0, 0, 0, 0, -1);

        public Faults {
            checkProbability("badBase64", badBase64);
            checkProbability("unknownKeyVersion", unknownKeyVersion);
            checkProbability("corruptCiphertext", corruptCiphertext);
            checkProbability("invalidJson", invalidJson);
            checkProbability("controlChars", controlChars);
            checkProbability("unknownMsgtype", unknownMsgtype);
            checkProbability("mediaCorruptOnce", mediaCorruptOnce);
            checkProbability("transientError", transientError);
            // Accessors read fields, which a compact constructor has not assigned yet: sum the parameters.
            if (badBase64 + unknownKeyVersion + corruptCiphertext + invalidJson + controlChars + unknownMsgtype
                    > 1.0 + 1e-9) {
                throw new IllegalArgumentException("record fault probabilities sum to more than 1");
            }
            if (fatalFromSeq < -1) {
                throw new IllegalArgumentException("fatalFromSeq must be -1 or >= 0: " + fatalFromSeq);
            }
        }

        /** Each fault at 0.5–2 %: enough to exercise every path in a 10 000-record run without drowning it. */
        public static Faults mixed() {
            return new Faults(0.005, 0.005, 0.005, 0.005, 0.01, 0.01, 0.02, 0.01, -1);
        }

        public Faults withTransientError(double probability) {
            return new Faults(badBase64, unknownKeyVersion, corruptCiphertext, invalidJson, controlChars,
                    unknownMsgtype, mediaCorruptOnce, probability, fatalFromSeq);
        }

        public Faults withFatalFromSeq(long seq) {
            return new Faults(badBase64, unknownKeyVersion, corruptCiphertext, invalidJson, controlChars,
                    unknownMsgtype, mediaCorruptOnce, transientError, seq);
        }
    }

    private static void checkProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
        }
    }
}
