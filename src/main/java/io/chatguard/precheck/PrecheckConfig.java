package io.chatguard.precheck;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the pre-send check. */
@ConfigMapping(prefix = "chatguard.precheck")
public interface PrecheckConfig {

    /** Longest text accepted, in UTF-16 chars; longer texts get 400 (WeCom text messages stop at 4 000 anyway). */
    @WithDefault("10000")
    int maxTextLength();

    /**
     * Largest request body accepted, in bytes; larger ones get 413 before anything is read (the check runs
     * on the event loop, which reads the body whole). Room for a text at the length limit with every char
     * written as a six-byte JSON escape, plus its receivers.
     */
    @WithDefault("262144")
    int maxBodyBytes();

    /**
     * How long a BLOCK or WARN answer waits for the commit that records its decision before the API
     * answers 503 instead (the decision may still commit later; it is never answered unrecorded).
     */
    @WithDefault("10s")
    java.time.Duration recordTimeout();
}
