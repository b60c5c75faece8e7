package io.chatguard.evidence;

import java.time.Instant;

import io.chatguard.platform.storage.Sha256;

/**
 * One link of the evidence ledger. Its hash covers the previous entry's hash and everything it says,
 * so changing, removing or reordering any entry breaks every hash after it. The rule is published
 * (docs/EVIDENCE_PACKAGE.md) so a regulator can recompute it without ChatGuard.
 *
 * @param seq position in the ledger, from 1, without gaps
 * @param source the kind of record (see {@link LedgerSource})
 * @param ref which record, e.g. {@code alert_event:4711} or {@code message_evidence:991/decrypted_json}
 * @param contentSha256 SHA-256 of the record's content as recorded
 * @param prevHash the previous entry's hash; {@link #GENESIS} for the first
 * @param recordedAt when the entry was appended, to the microsecond
 * @param entryHash {@link #hash} of the above
 */
public record LedgerEntry(long seq, String source, String ref, String contentSha256, String prevHash, Instant recordedAt,
        String entryHash) {
    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    static LedgerEntry after(String prevHash, long seq, String source, String ref, String contentSha256, Instant recordedAt) {
        return new LedgerEntry(seq, source, ref, contentSha256, prevHash, recordedAt,
                hash(prevHash, seq, source, ref, contentSha256, recordedAt));
    }

    /** SHA-256 of {@code prevHash \n seq \n source \n ref \n contentSha256 \n recordedAt}, recordedAt as ISO-8601 UTC. */
    public static String hash(String prevHash, long seq, String source, String ref, String contentSha256, Instant recordedAt) {
        return Sha256.hex(prevHash + "\n" + seq + "\n" + source + "\n" + ref + "\n" + contentSha256 + "\n" + recordedAt);
    }

    /** Whether {@link #entryHash} is the hash of what the entry says. */
    boolean intact() {
        return entryHash.equals(hash(prevHash, seq, source, ref, contentSha256, recordedAt));
    }
}
