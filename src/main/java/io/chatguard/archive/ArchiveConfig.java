package io.chatguard.archive;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings for pulling and importing WeCom session archives. */
@ConfigMapping(prefix = "chatguard.archive")
public interface ArchiveConfig {

    /**
     * Where records come from: {@code native} (the WeCom SDK), {@code simulator} (local runs and tests
     * only; the production guard refuses it) or {@code none} (no pulls; imports still work).
     */
    @WithDefault("none")
    Source source();

    /** Name of this archive in cursors, quarantine and evidence keys (use the corp id for the real SDK). */
    @WithDefault("simulator")
    String sourceName();

    /**
     * RSA private keys by {@code publickey_ver}: PEM text (PKCS#1 or PKCS#8) or {@code file:/path}.
     * No default: a secret. Ignored by the simulator, which brings its own keys.
     */
    Map<Integer, String> privateKeys();

    /** Parallel RSA decryptions per batch; 0 means one per CPU core. */
    @WithDefault("0")
    int decryptThreads();

    Pull pull();

    Media media();

    @WithName("native")
    NativeSdk nativeSdk();

    Simulator simulator();

    enum Source {
        NONE, SIMULATOR, NATIVE
    }

    interface Pull {
        /** How often the scheduled pull runs, e.g. {@code 15s}; {@code off} disables it (tests). */
        @WithDefault("15s")
        String every();

        /** Records per GetChatData call; WeCom rejects more than 1000. */
        @WithDefault("1000")
        int batchSize();

        /** Upper bound of batches in one run, so a huge backlog still yields to shutdown and status. */
        @WithDefault("1000")
        int maxBatchesPerRun();

        /** Attempts for a call that fails with a transient error before the run gives up. */
        @WithDefault("6")
        int maxAttempts();

        /** First back-off after a transient error; doubles each attempt. */
        @WithDefault("PT0.2S")
        Duration initialBackoff();

        /** Longest back-off between attempts. */
        @WithDefault("PT30S")
        Duration maxBackoff();
    }

    interface Media {
        /** Whether media files are downloaded into object storage. */
        @WithDefault("true")
        boolean download();

        /** Download attempts per file when the MD5 does not match or the SDK fails transiently. */
        @WithDefault("3")
        int maxAttempts();

        /**
         * Media files downloaded and stored at once. The work is waiting on the SDK and object storage,
         * not the CPU, so this is independent of the core count; SDK calls still share one handle.
         */
        @WithDefault("8")
        int parallelism();
    }

    interface NativeSdk {
        /** WeCom corp id. */
        Optional<String> corpId();

        /** The session-archive secret (not an app secret). No default: a secret. */
        Optional<String> secret();

        /** Optional HTTP proxy for the SDK, e.g. {@code socks5://10.0.0.1:1080}. */
        Optional<String> proxy();

        /** Proxy credentials {@code user:password}. A secret. */
        Optional<String> proxyPassword();

        /** Timeout of each SDK call in seconds. */
        @WithDefault("60")
        int timeoutSeconds();
    }

    interface Simulator {
        /** Seed: the same seed yields the same archive. */
        @WithDefault("20261122")
        long seed();

        /** Total records the simulated archive will hold. */
        @WithDefault("5000")
        long volume();

        /** Records per second that become available; 0 makes the whole volume available at once. */
        @WithDefault("5")
        double ratePerSecond();

        /** Public-key versions the stream rotates through. */
        @WithDefault("2")
        int keyVersions();

        /** Share of advisor texts that violate compliance rules. */
        @WithDefault("0.08")
        double violationShare();

        /** Fault injection preset: {@code none} or {@code mixed}. */
        @WithDefault("mixed")
        String faults();
    }
}
