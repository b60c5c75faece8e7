package io.chatguard.scan;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Post-hoc scanning of archived messages. */
@ConfigMapping(prefix = "chatguard.scan")
public interface ScanConfig {

    /**
     * Scan new messages as soon as their batch commits; when false only the sweep scans them (for a bulk
     * migration, or to give ingestion the CPU).
     */
    @WithDefault("true")
    boolean onIngest();

    /** Messages per scan transaction. */
    @WithDefault("500")
    int batchSize();

    /**
     * Messages per rescan transaction. Larger than {@link #batchSize()}: most messages of a rescan need no
     * write, so the cost per batch (a round trip for the page, one for the job's cursor) is what counts.
     */
    @WithDefault("5000")
    int rescanBatchSize();

    /** Threads that check a rescan's messages, the rescan's own included; default: one per core. */
    java.util.OptionalInt rescanThreads();

    /** How often the sweep looks for messages that were stored but not scanned ({@code off} to disable). */
    @WithDefault("30s")
    String sweepEvery();

    /**
     * How old a message must be before the sweep moves its cursor past it: longer than any transaction
     * that stores messages, so a lower id cannot commit behind the cursor.
     */
    @WithDefault("2m")
    Duration settle();
}
