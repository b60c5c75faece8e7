package io.chatguard.precheck;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.chatguard.platform.db.Jdbc;
import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;

/**
 * Stores BLOCK and WARN decisions with group commit: a request hands its decision over and is answered
 * when the transaction holding it has committed, so nothing is answered before it is recorded;
 * concurrent requests share one transaction, and no request thread waits meanwhile. Under load one
 * commit carries dozens of decisions instead of one each, which is what a per-request transaction cost
 * the precheck API (see docs/BENCHMARKS.md).
 */
@ApplicationScoped
public class DecisionLog {
    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    /** Decisions per transaction, at most. */
    private static final int MAX_BATCH = 200;

    private record Pending(PrecheckDecision decision, CompletableFuture<Void> committed) {
    }

    private static final String INSERT = "insert into precheck_decision (decided_at, principal, sender, receivers, roomid,"
            + " decision, text, hits, rules_version, stage) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)";

    private final Jdbc jdbc;
    /** How long a request waits for its commit before answering 503. */
    private final Duration wait;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    DecisionLog(Jdbc jdbc, PrecheckConfig config) {
        this.jdbc = jdbc;
        this.wait = config.recordTimeout();
        this.writer = Thread.ofPlatform().name("precheck-decision-writer").daemon().unstarted(this::writeLoop);
        writer.start();
    }

    /**
     * Records {@code decision}; the stage completes once it is committed.
     *
     * @return completes normally once committed, or with a {@link ChatGuardException} (503) when it could
     *         not be committed in time; the caller must not answer as if it had been. A decision that
     *         timed out stays queued and is stored when the database recovers.
     */
    public CompletionStage<Void> submit(PrecheckDecision decision) {
        if (!running) {
            return CompletableFuture.failedFuture(new ChatGuardException(ProblemType.DECISION_NOT_RECORDED,
                    "the service is shutting down; decision not recorded"));
        }
        var pending = new Pending(decision, new CompletableFuture<>());
        queue.add(pending);
        return pending.committed().copy().orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(notRecorded(
                        e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)));
    }

    private static ChatGuardException notRecorded(Throwable cause) {
        LOG.errorf(cause, "precheck decision not recorded");
        return new ChatGuardException(ProblemType.DECISION_NOT_RECORDED, "the decision was not confirmed as recorded; try again");
    }

    private void writeLoop() {
        var batch = new ArrayList<Pending>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * One transaction, one batched insert, in plain JDBC: the entity path (persist events, bean
     * validation of an already validated request, flush) was a fifth of the service's CPU samples at
     * 2000 req/s; this is ≈ 5 % less CPU per answer (docs/BENCHMARKS.md).
     */
    private void write(List<Pending> batch) {
        try {
            jdbc.inNewTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    for (Pending p : batch) {
                        PrecheckDecision d = p.decision();
                        insert.setObject(1, OffsetDateTime.ofInstant(d.decidedAt, ZoneOffset.UTC));
                        insert.setString(2, d.principal);
                        insert.setString(3, d.sender);
                        insert.setArray(4, c.createArrayOf("text", d.receivers.toArray()));
                        insert.setString(5, d.roomid);
                        insert.setString(6, d.decision);
                        insert.setString(7, d.text);
                        insert.setString(8, d.hits);
                        insert.setString(9, d.rulesVersion);
                        insert.setString(10, d.stage);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return null;
            });
            batch.forEach(p -> p.committed().complete(null));
        } catch (RuntimeException e) {
            batch.forEach(p -> p.committed().completeExceptionally(e));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.join(wait.toMillis());
    }
}
