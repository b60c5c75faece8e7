package io.chatguard.archive.simulator;

import java.util.List;
import java.util.Objects;

/**
 * Ground truth for one simulated record, for tests that check what the service made of it.
 *
 * <p>A record with a quarantine fault ({@link #shouldBeQuarantined()}) always carries a plain, clean text
 * message: the service cannot read it, so it must not be counted as a missed violation or missing media.
 *
 * @param seq the record's seq
 * @param msgid the msgid in the GetChatData record and (when readable) in the decrypted message
 * @param msgtype the decrypted message's msgtype, {@code "switch"} for switch records, the undocumented type
 *        for {@link Fault#UNKNOWN_MSGTYPE} and the intended type for {@link Fault#INVALID_JSON}
 * @param fault the injected record fault
 * @param violation true when the message (its text, a mixed/chatrecord item or a file name) is a compliance
 *        violation
 * @param category the domain.md §2 category id of the violation, null when clean
 * @param mediaMd5s md5 (lower-case hex) of every media file the message references, in document order
 * @param mediaCorruptOnce true when the first complete download of each of those files is corrupted
 */
public record ExpectedRecord(long seq, String msgid, String msgtype, Fault fault, boolean violation,
        String category, List<String> mediaMd5s, boolean mediaCorruptOnce) {

    public ExpectedRecord {
        Objects.requireNonNull(msgid, "msgid");
        Objects.requireNonNull(msgtype, "msgtype");
        Objects.requireNonNull(fault, "fault");
        mediaMd5s = List.copyOf(mediaMd5s);
        if (violation != (category != null)) {
            throw new IllegalArgumentException("category must be set exactly when violation is true");
        }
    }

    /** True when the service cannot decrypt or parse the record and must quarantine it. */
    public boolean shouldBeQuarantined() {
        return fault.quarantined();
    }

    /** A record fault injected by the simulator. */
    public enum Fault {
        NONE(false),
        /** {@code encrypt_random_key} is not base64. */
        BAD_BASE64(true),
        /** {@code publickey_ver} 99: no private key. */
        UNKNOWN_KEY_VERSION(true),
        /** DecryptData throws 10006 (AES padding). */
        CORRUPT_CIPHERTEXT(true),
        /** Decrypts to truncated JSON. */
        INVALID_JSON(true),
        /** Raw control characters inside string values; valid once escaped. */
        CONTROL_CHARS(false),
        /** A valid message with an undocumented msgtype; must be kept, not dropped. */
        UNKNOWN_MSGTYPE(false);

        private final boolean quarantined;

        Fault(boolean quarantined) {
            this.quarantined = quarantined;
        }

        public boolean quarantined() {
            return quarantined;
        }
    }
}
