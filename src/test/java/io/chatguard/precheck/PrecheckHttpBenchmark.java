package io.chatguard.precheck;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.rules.eval.CorpusEvaluation;
import io.chatguard.rules.eval.LabelledMessage;

/**
 * {@code scripts/bench precheck-http}: an open-loop load generator for {@code POST /api/v1/precheck}
 * against a service the script started on loopback. Requests leave at a fixed rate whatever the
 * answers do, and latency counts from when a request was due, so a stalled server shows up as
 * latency instead of a politely slower client (coordinated omission). Not part of the test suite
 * (tag {@code bench}).
 *
 * <p>The dev corpus is sent round robin: its BLOCK and WARN messages make the service write a
 * decision row to PostgreSQL before answering, as in production.
 */
@Tag("bench")
class PrecheckHttpBenchmark {
    private static final String URL = System.getProperty("bench.http.url", "http://127.0.0.1:8090");
    private static final String TOKEN = System.getProperty("bench.http.token", "demo-advisor-token");
    private static final int RATE = Integer.getInteger("bench.http.rate", 2000);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.http.warmup", 10);
    private static final int SECONDS = Integer.getInteger("bench.http.seconds", 20);
    /** Beyond this many unanswered requests the generator counts new ones as errors instead of queueing. */
    private static final int MAX_IN_FLIGHT = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The service's process id, when the script knows it: its CPU time per request is reported. */
    private static final long SERVER_PID = Long.getLong("bench.http.pid", -1);

    @Test
    void precheckOverHttp() throws Exception {
        URI uri = URI.create(URL + "/api/v1/precheck");
        if (!Set.of("127.0.0.1", "localhost").contains(uri.getHost())) {
            throw new IllegalArgumentException("load runs on loopback only, not " + uri.getHost());
        }
        List<LabelledMessage> corpus = CorpusEvaluation.read(PrecheckFixture.DEV_CORPUS);
        var json = new ObjectMapper();
        byte[][] bodies = new byte[corpus.size()][];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = json.writeValueAsBytes(Map.of("text", corpus.get(i).text(), "sender", "bench-advisor",
                    "receivers", List.of("bench-client"), "roomId", ""));
        }

        ExecutorService handlers = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).executor(handlers).build();
        try {
            System.out.printf("%nprecheck over HTTP: POST %s, open loop at %d req/s, %d s warm-up then %d s measured; "
                    + "%d dev-corpus messages round robin%n", uri, RATE, WARMUP_SECONDS, SECONDS, bodies.length);
            run(client, uri, bodies, RATE * WARMUP_SECONDS); // JIT, connection pool, database pool
            Duration serverCpu = serverCpu();
            Duration ownCpu = ownCpu();
            Run measured = run(client, uri, bodies, RATE * SECONDS);
            measured.serverCpu = serverCpu().minus(serverCpu);
            measured.generatorCpu = ownCpu().minus(ownCpu);
            measured.print();
        } finally {
            client.shutdownNow();
            handlers.shutdownNow();
        }
    }

    private static Duration serverCpu() {
        return SERVER_PID < 0 ? Duration.ZERO : ProcessHandle.of(SERVER_PID)
                .flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    private static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static Run run(HttpClient client, URI uri, byte[][] bodies, int count) throws InterruptedException {
        var run = new Run(count);
        var inFlight = new Semaphore(MAX_IN_FLIGHT);
        long period = 1_000_000_000L / RATE;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            for (long wait; (wait = due - System.nanoTime()) > 0;) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                run.fail(i, Run.OVERLOAD);
                continue;
            }
            int n = i;
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[i % bodies.length])).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                long latency = System.nanoTime() - due;
                inFlight.release();
                if (error != null) {
                    run.fail(n, Run.IO);
                } else if (response.statusCode() != 200) {
                    run.fail(n, Run.HTTP);
                } else {
                    run.ok(n, latency, response.body());
                }
            });
        }
        run.scheduledNanos = System.nanoTime() - start;
        // Bounded: whatever has not answered by then is counted as lost.
        if (!run.done.await(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
            run.lost = (int) run.done.getCount();
        }
        run.elapsedNanos = run.lastAnswer.get() - start;
        return run;
    }

    /** Outcomes of one fixed-rate run, filled in by response callbacks. */
    private static final class Run {
        static final int OK = 1;
        static final int HTTP = 2;
        static final int IO = 3;
        static final int OVERLOAD = 4;

        final AtomicIntegerArray outcome;
        final AtomicLongArray latency;
        final AtomicLongArray tookMicros;
        final AtomicIntegerArray decision;
        final CountDownLatch done;
        final AtomicLong lastAnswer = new AtomicLong();
        long scheduledNanos;
        long elapsedNanos;
        int lost;
        Duration serverCpu = Duration.ZERO;
        Duration generatorCpu = Duration.ZERO;

        Run(int count) {
            outcome = new AtomicIntegerArray(count);
            latency = new AtomicLongArray(count);
            tookMicros = new AtomicLongArray(count);
            decision = new AtomicIntegerArray(count);
            done = new CountDownLatch(count);
        }

        void ok(int i, long nanos, String body) {
            latency.set(i, nanos);
            tookMicros.set(i, longField(body, "\"tookMicros\":"));
            decision.set(i, body.contains("\"decision\":\"BLOCK\"") ? 2 : body.contains("\"decision\":\"WARN\"") ? 1 : 0);
            outcome.set(i, OK);
            answered();
        }

        void fail(int i, int kind) {
            outcome.set(i, kind);
            answered();
        }

        private void answered() {
            lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
            done.countDown();
        }

        void print() {
            int n = outcome.length();
            int[] kinds = new int[5];
            int[] decisions = new int[3];
            long[] lat = new long[n];
            long[] took = new long[n];
            int ok = 0;
            for (int i = 0; i < n; i++) {
                kinds[outcome.get(i)]++;
                if (outcome.get(i) == OK) {
                    lat[ok] = latency.get(i);
                    took[ok] = tookMicros.get(i);
                    decisions[decision.get(i)]++;
                    ok++;
                }
            }
            lat = Arrays.copyOf(lat, ok);
            took = Arrays.copyOf(took, ok);
            Arrays.sort(lat);
            Arrays.sort(took);
            int errors = n - ok;
            double offered = n / (scheduledNanos / 1e9);
            double achieved = ok / (elapsedNanos / 1e9);
            System.out.printf("requests %d: ok %d (BLOCK %d, WARN %d, PASS %d: BLOCK/WARN each insert a row), errors %d "
                    + "(non-200 %d, I/O %d, over %d in flight %d, unanswered %d)%n", n, ok, decisions[2], decisions[1],
                    decisions[0], errors, kinds[HTTP], kinds[IO], MAX_IN_FLIGHT, kinds[OVERLOAD], lost);
            System.out.printf("offered %.0f req/s, achieved %.0f req/s (ok answers ÷ first send to last answer)%n",
                    offered, achieved);
            System.out.printf("latency from due time, ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                    pct(lat, 50) / 1e6, pct(lat, 90) / 1e6, pct(lat, 99) / 1e6, pct(lat, 99.9) / 1e6,
                    ok == 0 ? 0 : lat[ok - 1] / 1e6);
            System.out.printf("CPU per ok answer: service %.0f µs, load generator %.0f µs (%d cores shared by both "
                    + "and PostgreSQL)%n", serverCpu.toNanos() / 1e3 / Math.max(1, ok), generatorCpu.toNanos() / 1e3 / Math.max(1, ok),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("server tookMicros (rule check only): p50 %d  p99 %d  max %d%n", pct(took, 50),
                    pct(took, 99), ok == 0 ? 0 : took[ok - 1]);
            System.out.printf("precheck-http: rate=%d achieved=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d%n", RATE, achieved,
                    pct(lat, 50) / 1e6, pct(lat, 99) / 1e6, errors);
        }

        private static long pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }

        private static long longField(String body, String key) {
            int at = body.indexOf(key);
            if (at < 0) {
                return -1;
            }
            int i = at + key.length();
            long v = 0;
            while (i < body.length() && Character.isDigit(body.charAt(i))) {
                v = v * 10 + (body.charAt(i++) - '0');
            }
            return v;
        }
    }
}
