package io.chatguard.scan;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.chatguard.archive.ArchiveService;
import io.chatguard.archive.MessageText;
import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.rules.RuleEngine;
import io.chatguard.rules.RuleHit;
import io.chatguard.rules.engine.RuleSnapshot;
import io.chatguard.security.AccessAudit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Retroactive rescans: after a rules change, the messages of a time range are checked again with the
 * rules in force. Alerts are raised for new (message, rule) pairs, and alerts whose rule no longer
 * matches are marked, never deleted (see {@link RescanBatch}). One job runs at a time in the
 * background; every batch commits its findings, alert changes and the job's cursor together, and jobs
 * still running when the service stopped resume from their cursor at start-up.
 */
@ApplicationScoped
public class RescanService {
    private static final Logger LOG = Logger.getLogger(RescanService.class);

    private final RescanJobRepository jobs;
    private final FindingRepository findings;
    private final ArchiveService archive;
    private final RuleEngine engine;
    private final Event<RescanBatch> batches;
    private final ScanConfig config;
    private final ScanLedger ledger;
    private final AccessAudit audit;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("rescan").daemon().factory());

    RescanService(RescanJobRepository jobs, FindingRepository findings, ArchiveService archive, RuleEngine engine,
            Event<RescanBatch> batches, ScanConfig config, ScanLedger ledger, AccessAudit audit, Clock clock) {
        this.ledger = ledger;
        this.jobs = jobs;
        this.findings = findings;
        this.archive = archive;
        this.engine = engine;
        this.batches = batches;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent start) {
        resumeRunning();
    }

    /** Starts a rescan of the messages sent in {@code [from, to)} with the rules in force. */
    public RescanView start(RescanRequest request, String by) {
        if (request.from() != null && request.to() != null && !request.from().isBefore(request.to())) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "from: must be before to");
        }
        RescanView created = create(request, by);
        submit(created.id());
        return created;
    }

    /** The job's progress and diff. */
    public RescanView get(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> RescanView.of(find(id), clock.instant()));
    }

    public List<RescanView> recent(int limit) {
        Instant now = clock.instant();
        return QuarkusTransaction.joiningExisting().call(() -> jobs.recent(limit).stream().map(j -> RescanView.of(j, now)).toList());
    }

    /** Stops a running job after its current batch; what it did so far stays. */
    public RescanView cancel(long id, String by) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RescanJob j = find(id);
            if (!"running".equals(j.status)) {
                throw new ChatGuardException(ProblemType.CONFLICT, "the rescan is " + j.status + ", not running");
            }
            j.status = "cancelled";
            j.finishedAt = clock.instant();
            j.updatedAt = j.finishedAt;
            audit.record(by, "rescan.cancel", "rescan_job", String.valueOf(id), java.util.Map.of());
            return RescanView.of(j, clock.instant());
        });
    }

    /** Queues every job left running by a previous process; each carries on from its cursor. */
    void resumeRunning() {
        List<Long> running = QuarkusTransaction.requiringNew().call(jobs::runningIds);
        for (long id : running) {
            LOG.infof("resuming rescan %d", id);
            QuarkusTransaction.requiringNew().run(() -> {
                RescanJob j = jobs.findById(id);
                j.resumedAt = clock.instant();
                j.doneAtResume = j.done;
            });
            submit(id);
        }
    }

    RescanView create(RescanRequest request, String by) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            var j = new RescanJob();
            j.requestedBy = by;
            j.requestedAt = now;
            j.rulesVersion = engine.rulesVersion();
            j.from = request.from();
            j.to = request.to();
            j.status = "running";
            j.total = archive.countInPeriod(request.from(), request.to());
            j.startedAt = now;
            j.updatedAt = now;
            jobs.persist(j);
            audit.record(by, "rescan.start", "rescan_job", String.valueOf(j.id), java.util.Map.of("rulesVersion",
                    j.rulesVersion, "total", j.total));
            return RescanView.of(j, now);
        });
    }

    private void submit(long id) {
        runner.submit(() -> {
            try {
                runBatches(id, Integer.MAX_VALUE);
            } catch (RuntimeException e) {
                if (runner.isShutdown()) {
                    LOG.infof("rescan %d stopped by shutdown; it resumes at the next start", id);
                    return;
                }
                LOG.errorf(e, "rescan %d failed", id);
                QuarkusTransaction.requiringNew().run(() -> {
                    RescanJob j = jobs.findById(id);
                    if ("running".equals(j.status)) {
                        j.status = "failed";
                        j.error = String.valueOf(e.getMessage());
                        j.finishedAt = clock.instant();
                        j.updatedAt = j.finishedAt;
                    }
                });
            }
        });
    }

    /** Runs up to {@code maxBatches} batches of job {@code id}, each in its own transaction; stops early when the job is no longer running or finishes it. */
    void runBatches(long id, int maxBatches) {
        for (int b = 0; b < maxBatches; b++) {
            boolean more = QuarkusTransaction.requiringNew().call(() -> runBatch(id));
            if (!more) {
                return;
            }
        }
    }

    private boolean runBatch(long id) {
        RescanJob j = jobs.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (!"running".equals(j.status)) {
            return false;
        }
        Instant now = clock.instant();
        List<Long> ids = archive.messageIdsInPeriod(j.lastMessageId, j.from, j.to, config.batchSize());
        if (ids.isEmpty()) {
            j.status = "done";
            j.finishedAt = now;
            j.updatedAt = now;
            return false;
        }
        RuleSnapshot snapshot = engine.snapshot();
        List<MessageText> texts = archive.texts(ids);
        Set<String> existing = findings.keysOf(ids, snapshot.version());
        var rescanned = new ArrayList<RescannedMessage>(texts.size());
        for (MessageText m : texts) {
            var hits = new ArrayList<FindingRecord>();
            for (RuleHit hit : engine.check(snapshot, m.text()).hits()) {
                Finding f = Finding.of(m.id(), hit, snapshot.version(), now);
                // A batch redone after a crash finds its findings already there.
                if (existing.add(m.id() + "/" + f.ruleId + "/" + f.start)) {
                    findings.persist(f);
                }
                hits.add(FindingRecord.of(f, m));
            }
            rescanned.add(new RescannedMessage(m, hits));
        }
        // Messages never scanned before (stored while scanning was off, or not yet swept) count as scanned now.
        ledger.record(rescanned.stream().map(r -> r.message().id()).toList(),
                rescanned.stream().map(r -> r.hits().size()).toList(), snapshot.version());
        var tally = new RescanBatch.Tally();
        batches.fire(new RescanBatch(id, snapshot.version(), rescanned, tally));
        j.done += ids.size();
        j.lastMessageId = ids.get(ids.size() - 1);
        j.newAlerts += tally.newAlerts;
        j.unmatchedAlerts += tally.unmatchedAlerts;
        j.rematchedAlerts += tally.rematchedAlerts;
        j.updatedAt = now;
        return true;
    }


    private RescanJob find(long id) {
        RescanJob j = jobs.findById(id);
        if (j == null) {
            throw new ChatGuardException(ProblemType.NOT_FOUND, "no rescan " + id);
        }
        return j;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
