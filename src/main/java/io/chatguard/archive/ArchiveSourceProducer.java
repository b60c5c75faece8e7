package io.chatguard.archive;

import java.util.Map;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.chatguard.archive.sdk.ArchiveSdkException;
import io.chatguard.archive.sdk.NativeArchiveSdk;
import io.chatguard.archive.sdk.NativeSdkSettings;
import io.chatguard.archive.simulator.ArchiveSimulator;
import io.chatguard.archive.simulator.SimulatorSettings;

/**
 * Creates the process's one archive source from {@link ArchiveConfig}: the native SDK (loaded only
 * here, only when configured), the simulator, or none. The SDK handle is released once, at shutdown.
 */
@Singleton
public class ArchiveSourceProducer {
    private static final Logger LOG = Logger.getLogger(ArchiveSourceProducer.class);

    @Produces
    @Singleton
    ArchiveSource archiveSource(ArchiveConfig config) {
        return switch (config.source()) {
            case NONE -> new ArchiveSource(config.sourceName(), new UnconfiguredArchiveSdk(), KeyRing.fromPem(Map.of()),
                    false);
            case SIMULATOR -> simulator(config);
            case NATIVE -> nativeSdk(config);
        };
    }

    void close(@Disposes ArchiveSource source) {
        source.sdk().close();
    }

    private static ArchiveSource simulator(ArchiveConfig config) {
        ArchiveConfig.Simulator sim = config.simulator();
        SimulatorSettings.Faults faults = switch (sim.faults()) {
            case "none" -> SimulatorSettings.Faults.NONE;
            case "mixed" -> SimulatorSettings.Faults.mixed();
            default -> throw new IllegalArgumentException(
                    "chatguard.archive.simulator.faults must be none or mixed, not " + sim.faults());
        };
        var settings = SimulatorSettings.defaults(sim.seed(), sim.volume())
                .withRatePerSecond(sim.ratePerSecond())
                .withKeyVersions(sim.keyVersions())
                .withViolationShare(sim.violationShare())
                .withFaults(faults);
        var simulator = new ArchiveSimulator(settings);
        LOG.infof("archive source: simulator (seed %d, %d records at %.1f/s, %d key versions, faults %s)",
                sim.seed(), sim.volume(), sim.ratePerSecond(), sim.keyVersions(), sim.faults());
        // The simulator's keys go through the same PEM parsing as keys from configuration.
        return new ArchiveSource(config.sourceName(), simulator, KeyRing.fromPem(simulator.privateKeysPem()), true);
    }

    private static ArchiveSource nativeSdk(ArchiveConfig config) {
        ArchiveConfig.NativeSdk n = config.nativeSdk();
        String corpId = n.corpId().orElseThrow(() -> new IllegalStateException(
                "chatguard.archive.source=native needs chatguard.archive.native.corp-id (CHATGUARD_WECOM_CORP_ID)"));
        String secret = n.secret().orElseThrow(() -> new IllegalStateException(
                "chatguard.archive.source=native needs chatguard.archive.native.secret (CHATGUARD_WECOM_ARCHIVE_SECRET)"));
        if (config.privateKeys().isEmpty()) {
            throw new IllegalStateException("chatguard.archive.source=native needs at least one private key: "
                    + "chatguard.archive.private-keys.<publickey_ver>");
        }
        KeyRing keys = KeyRing.fromPem(config.privateKeys());
        try {
            var sdk = NativeArchiveSdk.load(new NativeSdkSettings(corpId, secret, n.proxy().orElse(null),
                    n.proxyPassword().orElse(null), n.timeoutSeconds()));
            LOG.infof("archive source: WeCom SDK for corp %s, key versions %s", corpId, keys.versions());
            return new ArchiveSource(config.sourceName(), sdk, keys, true);
        } catch (ArchiveSdkException e) {
            throw new IllegalStateException("WeCom SDK initialisation failed: " + e.getMessage(), e);
        }
    }
}
