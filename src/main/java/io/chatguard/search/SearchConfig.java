package io.chatguard.search;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The archive search index. */
@ConfigMapping(prefix = "chatguard.search")
public interface SearchConfig {

    /** Directory of the Lucene index; derived data, rebuilt from PostgreSQL when lost. */
    Path indexDir();

    /** How often new messages become visible to searches ({@code off} to disable; indexing refreshes too). */
    @WithDefault("1s")
    String refreshEvery();

    /** How often the index is committed to disk with the indexing cursor ({@code off} to disable). */
    @WithDefault("30s")
    String commitEvery();

    /** How often the indexer looks for stored messages not yet indexed ({@code off} to disable). */
    @WithDefault("10s")
    String sweepEvery();

    /**
     * How old a stored message must be before the indexing cursor moves past it: longer than any
     * transaction that stores messages, so a lower id cannot commit behind the cursor.
     */
    @WithDefault("2m")
    Duration settle();

    /**
     * How long after a change to a message's findings or alerts it is indexed again; the changes made
     * meanwhile are indexed and committed together.
     */
    @WithDefault("200ms")
    Duration outboxDelay();

    /** Messages read from PostgreSQL per indexing batch. */
    @WithDefault("2000")
    int batchSize();
}
