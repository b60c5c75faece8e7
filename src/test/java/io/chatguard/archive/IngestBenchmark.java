package io.chatguard.archive;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Cipher;
import javax.sql.DataSource;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.chatguard.archive.simulator.ArchiveSimulator;
import io.chatguard.archive.simulator.SimulatorSettings;
import io.chatguard.platform.storage.EvidenceStore;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code scripts/bench ingest}: end-to-end ingest rate (simulator → decrypt → parse → S3Proxy →
 * PostgreSQL) next to the raw RSA-2048 PKCS#1 decrypt rate measured in the same JVM. Not part of
 * the test suite (tag {@code bench}).
 *
 * <p>What is timed: {@link ArchiveIngestService#pull()} from the first GetChatData to the commit of the
 * last batch, i.e. RSA and DecryptData (AES) per record, parsing, both evidence objects per batch,
 * media download with MD5 check and upload, and the PostgreSQL transaction per batch. The simulator
 * generates its records and media files before the timer starts ({@link ArchiveSimulator#pregenerate()}),
 * because producing them (message text, RSA encryption, image encoding) is the fake WeCom server's
 * work, not ChatGuard's; during the timed window it only serves them, with its faults still injected.
 * An untimed warm-up pull ({@code bench.ingest.warm-up} records, media on) runs first, as the RSA
 * measurement warms up too: the service runs for months, so the figure of interest is JIT-compiled code.
 */
@QuarkusTest
@Tag("bench")
class IngestBenchmark {
    private static final int VOLUME = Integer.getInteger("bench.ingest.volume", 20_000);
    /** Records of the untimed warm-up pull (media on), so the timed runs measure JIT-compiled code. */
    private static final int WARM_UP = Integer.getInteger("bench.ingest.warm-up", 3_000);

    @Inject
    ArchiveConfig config;
    @Inject
    ArchiveStore store;
    @Inject
    EvidenceStore evidence;
    @Inject
    DataSource dataSource;
    @Inject
    Event<MessagesArchived> archived;

    @Test
    void ingest() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        double rsaOne = rsaRate(1);
        double rsaAll = rsaRate(cores);

        Result warmUp = WARM_UP > 0 ? run(WARM_UP, true) : null;
        Result withMedia = run(VOLUME, true);
        Result textOnly = run(VOLUME, false);

        System.out.println();
        System.out.printf("%-44s %12s%n", "measurement (" + cores + " cores)", "per second");
        System.out.printf("%-44s %12.0f%n", "RSA-2048 PKCS#1 decrypt, 1 thread", rsaOne);
        System.out.printf("%-44s %12.0f%n", "RSA-2048 PKCS#1 decrypt, " + cores + " threads", rsaAll);
        System.out.printf("%-44s %12.0f   (%d msgs, %d media files, %.1f s; CPU s: JVM %.1f, machine %.1f)%n",
                "ingest end to end, media downloaded", withMedia.perSecond(), withMedia.messages(), withMedia.media(),
                withMedia.seconds(), withMedia.jvmCpu(), withMedia.machineCpu());
        System.out.printf("%-44s %12.0f   (%d msgs, %.1f s; CPU s: JVM %.1f, machine %.1f)%n",
                "ingest end to end, media download off", textOnly.perSecond(), textOnly.messages(), textOnly.seconds(),
                textOnly.jvmCpu(), textOnly.machineCpu());
        System.out.printf("timed: pull() only; the simulator pre-generated its records and media before the timer"
                + " (%.1f s and %.1f s, not counted)%n", withMedia.pregenerateSeconds(), textOnly.pregenerateSeconds());
        if (warmUp != null) {
            System.out.printf("warm-up before the timed runs (not counted): %d msgs with media, %.1f s = %.0f msgs/s%n",
                    warmUp.messages(), warmUp.seconds(), warmUp.perSecond());
        }
        System.out.printf("%-44s %12.2f%n", "ratio ingest / RSA (" + cores + " threads)", withMedia.perSecond() / rsaAll);
        System.out.printf("ingest: msgs_per_s=%.0f rsa_per_s=%.0f ratio=%.2f%n", withMedia.perSecond(), rsaOne,
                withMedia.perSecond() / rsaOne);
    }

    /**
     * @param jvmCpu CPU seconds of this JVM during the timed window
     * @param machineCpu busy CPU seconds of the whole machine (PostgreSQL, S3Proxy, anyone else) in it
     */
    private record Result(long messages, long media, double seconds, double pregenerateSeconds, double jvmCpu,
            double machineCpu) {
        double perSecond() {
            return messages / seconds;
        }
    }

    private Result run(int volume, boolean media) {
        var settings = SimulatorSettings.defaults(ThreadLocalRandom.current().nextLong(), volume)
                .withFaults(SimulatorSettings.Faults.mixed());
        var simulator = new ArchiveSimulator(settings);
        long pregenerateStart = System.nanoTime();
        simulator.pregenerate();
        double pregenerateSeconds = (System.nanoTime() - pregenerateStart) / 1e9;
        ArchiveConfig effective = media ? config : new MediaOff(config);
        var service = new ArchiveIngestService(new ArchiveSource("bench-" + UUID.randomUUID().toString().substring(0, 8),
                simulator, KeyRing.fromPem(simulator.privateKeysPem()), true), effective, store, evidence,
                dataSource, archived);
        long jvmCpuStart = jvmCpuNanos();
        long machineStart = machineBusyTicks();
        long start = System.nanoTime();
        IngestRun run = service.pull();
        double seconds = (System.nanoTime() - start) / 1e9;
        double jvmCpu = (jvmCpuNanos() - jvmCpuStart) / 1e9;
        double machineCpu = (machineBusyTicks() - machineStart) / 100.0;
        if (!"caught_up".equals(run.outcome())) {
            throw new AssertionError("benchmark run did not finish: " + run);
        }
        return new Result(run.stored() + run.quarantined(), service.status().media(), seconds, pregenerateSeconds,
                jvmCpu, machineCpu);
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Busy jiffies (user, nice, system, irq, softirq) of all CPUs since boot from /proc/stat; 0 without it. */
    private static long machineBusyTicks() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).getFirst().trim()
                    .split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(f[i]);
            }
            return busy;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** RSA decryptions per second over about three seconds with {@code threads} threads. */
    private static double rsaRate(int threads) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Cipher encrypt = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        encrypt.init(Cipher.ENCRYPT_MODE, pair.getPublic());
        byte[] encrypted = encrypt.doFinal("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int warm = 0; warm < 2; warm++) {
                long deadline = System.nanoTime() + (warm == 0 ? 1_000_000_000L : 3_000_000_000L);
                long start = System.nanoTime();
                List<Future<Long>> counts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    counts.add(pool.submit(() -> {
                        Cipher decrypt = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                        long n = 0;
                        while (System.nanoTime() < deadline) {
                            decrypt.init(Cipher.DECRYPT_MODE, pair.getPrivate());
                            decrypt.doFinal(encrypted);
                            n++;
                        }
                        return n;
                    }));
                }
                long total = 0;
                for (Future<Long> count : counts) {
                    total += count.get();
                }
                if (warm == 1) {
                    return total / ((System.nanoTime() - start) / 1e9);
                }
            }
            throw new IllegalStateException("unreachable");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The running configuration with media download switched off. */
    private record MediaOff(ArchiveConfig delegate) implements ArchiveConfig {
        @Override public Source source() { return delegate.source(); }
        @Override public String sourceName() { return delegate.sourceName(); }
        @Override public java.util.Map<Integer, String> privateKeys() { return delegate.privateKeys(); }
        @Override public int decryptThreads() { return delegate.decryptThreads(); }
        @Override public Pull pull() { return delegate.pull(); }
        @Override public NativeSdk nativeSdk() { return delegate.nativeSdk(); }
        @Override public Simulator simulator() { return delegate.simulator(); }
        @Override
        public Media media() {
            return new Media() {
                @Override public boolean download() { return false; }
                @Override public int maxAttempts() { return delegate.media().maxAttempts(); }
                @Override public int parallelism() { return delegate.media().parallelism(); }
            };
        }
    }
}
