package io.chatguard.evidence;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The evidence ledger and its verification. */
@ConfigMapping(prefix = "chatguard.evidence")
public interface EvidenceConfig {

    /** How often new records are appended to the ledger ({@code off} to disable). */
    @WithDefault("10s")
    String ledgerEvery();

    /**
     * How old a record must be before the ledger passes it: longer than any transaction that writes one,
     * so a record committed late is not passed over.
     */
    @WithDefault("2m")
    Duration ledgerSettle();

    /** Records read per source and ledger transaction. */
    @WithDefault("2000")
    int ledgerBatchSize();

    /** How often the chain head is anchored to object storage ({@code off} to disable). */
    @WithDefault("1h")
    String anchorEvery();

    /** Percentage of evidence objects a verification re-hashes when the request does not say (0–100). */
    @WithDefault("100")
    int verifyObjectPercent();
}
