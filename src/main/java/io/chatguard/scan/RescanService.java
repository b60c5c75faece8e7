package io.chatguard.scan;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.chatguard.archive.ArchiveService;
import io.chatguard.archive.MessageText;
import io.chatguard.archive.PeriodExtent;
import io.chatguard.archive.StoredText;
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
 * rules in force. Only what the change changed is written: a message whose hits match the digest of its
 * last scan needs nothing; for the others findings are added or retired, alerts are raised for new
 * (message, rule) pairs, and alerts whose rule no longer matches are marked, never deleted (see
 * {@link RescanBatch}). One job runs at a time in the
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
    /** Reads the next page of a job while the runner checks the current one. */
    private final ExecutorService reader = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("rescan-read").daemon().factory());
    /** Writes the checked batches, one at a time and in order. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("rescan-write").daemon().factory());
    /** Check a share of each page beside the runner. */
    private final ExecutorService checkers;
    private final int checkThreads;

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
        this.checkThreads = config.rescanThreads().orElse(Runtime.getRuntime().availableProcessors());
        this.checkers = Executors.newFixedThreadPool(Math.max(1, checkThreads - 1),
                Thread.ofPlatform().name("rescan-check-", 0).daemon().factory());
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
            PeriodExtent extent = archive.extentOf(request.from(), request.to());
            j.total = extent.count();
            // The walk covers the ids the period had at the start: a recent period skips the years before it,
            // and the last batch does not read on to the end of the archive.
            j.lastMessageId = Math.max(0, extent.firstId() - 1);
            j.lastPeriodMessageId = extent.lastId();
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

    /** What a job walks: its period, the highest id in it, and where its cursor stands. */
    private record Walk(Instant from, Instant to, long upToId, long cursor) {
    }

    /**
     * A page of messages and what their last scans found (hit digests; a message never scanned is absent,
     * one scanned before digests existed maps to null).
     */
    private record Page(List<StoredText> messages, Map<Long, Long> digests) {
        long lastId() {
            return messages.get(messages.size() - 1).id();
        }
    }

    /** A message checked with the rules in force. */
    private record Checked(StoredText message, List<RuleHit> hits, long digest) {
    }

    /**
     * Runs up to {@code maxBatches} batches of job {@code id}; stops early when the job is no longer running
     * or finishes it. A pipeline: while a batch is checked (on every core), the next page is read and the
     * batch before is written. Each batch commits its changes with the job's cursor, in order, so a stop
     * anywhere resumes at a batch boundary.
     */
    void runBatches(long id, int maxBatches) {
        Walk walk = QuarkusTransaction.requiringNew().call(() -> {
            RescanJob j = find(id);
            return "running".equals(j.status) ? new Walk(j.from, j.to,
                    j.lastPeriodMessageId == null ? Long.MAX_VALUE : j.lastPeriodMessageId, j.lastMessageId) : null;
        });
        if (walk == null) {
            return;
        }
        long started = System.nanoTime();
        long waitedForPages = 0;
        long checking = 0;
        long waitedForWrites = 0;
        long messages = 0;
        Future<Page> nextPage = reader.submit(() -> read(walk, walk.cursor()));
        Future<Boolean> writing = null;
        try {
            for (int b = 0; b < maxBatches; b++) {
                long t0 = System.nanoTime();
                Page page = await(nextPage);
                nextPage = null;
                long t1 = System.nanoTime();
                waitedForPages += t1 - t0;
                if (page.messages().isEmpty()) {
                    if (writing != null && !await(writing)) {
                        return;
                    }
                    writing = null;
                    QuarkusTransaction.requiringNew().run(() -> finish(id));
                    LOG.infof("rescan %d done: %d messages in %d ms; waited %d ms for pages, checked %d ms, waited %d ms for writes",
                            id, messages, (System.nanoTime() - started) / 1_000_000, waitedForPages / 1_000_000,
                            checking / 1_000_000, waitedForWrites / 1_000_000);
                    return;
                }
                if (b + 1 < maxBatches) {
                    long after = page.lastId();
                    nextPage = reader.submit(() -> read(walk, after));
                }
                RuleSnapshot snapshot = engine.snapshot();
                List<Checked> checked = check(snapshot, page);
                long t2 = System.nanoTime();
                checking += t2 - t1;
                if (writing != null && !await(writing)) {
                    return;
                }
                waitedForWrites += System.nanoTime() - t2;
                writing = writer.submit(() -> QuarkusTransaction.requiringNew().call(
                        () -> write(id, snapshot.version(), page, checked)));
                messages += checked.size();
            }
            if (writing != null) {
                await(writing);
            }
            writing = null;
        } finally {
            if (nextPage != null) {
                // A page read ahead that no batch will use; reading wrote nothing.
                nextPage.cancel(false);
            }
            if (writing != null) {
                // Failing: let the batch being written commit or roll back before the job is marked.
                try {
                    writing.get();
                } catch (ExecutionException | InterruptedException | java.util.concurrent.CancellationException e) {
                    LOG.debugf("rescan %d: the batch being written when the run failed did not commit: %s", id, e);
                }
            }
        }
    }

    private Page read(Walk walk, long after) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<StoredText> messages = archive.textsInPeriod(after, walk.upToId(), walk.from(), walk.to(),
                    config.rescanBatchSize());
            return new Page(messages, ledger.digests(messages.stream().map(StoredText::id).toList()));
        });
    }

    private static <T> T await(Future<T> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rescan interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Checks a page, split across the checker threads and this one. */
    private List<Checked> check(RuleSnapshot snapshot, Page page) {
        List<StoredText> messages = page.messages();
        var out = new Checked[messages.size()];
        int parts = Math.max(1, Math.min(checkThreads, messages.size() / 64));
        int step = (messages.size() + parts - 1) / parts;
        var helpers = new ArrayList<Future<?>>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = p * step;
            int to = Math.min(messages.size(), from + step);
            helpers.add(checkers.submit(() -> check(snapshot, messages, from, to, out)));
        }
        check(snapshot, messages, 0, Math.min(step, messages.size()), out);
        helpers.forEach(RescanService::await);
        return java.util.Arrays.asList(out);
    }

    private void check(RuleSnapshot snapshot, List<StoredText> messages, int from, int to, Checked[] out) {
        for (int i = from; i < to; i++) {
            StoredText m = messages.get(i);
            List<RuleHit> hits = engine.check(snapshot, m.text()).hits();
            out[i] = new Checked(m, hits, HitDigest.of(hits));
        }
    }

    /**
     * Writes one checked page in the caller's transaction: for the messages whose hits differ from what
     * their last scan found, new findings are added, vanished ones retired and the alert diff is fired;
     * messages whose hits are unchanged need no write. Then the cursor moves. Returns false, writing
     * nothing, when the job is no longer running.
     */
    private boolean write(long id, String version, Page page, List<Checked> checked) {
        RescanJob j = jobs.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (!"running".equals(j.status)) {
            return false;
        }
        List<Checked> changed = checked.stream().filter(c -> {
            Long before = page.digests().get(c.message().id());
            return before == null || before != c.digest();
        }).toList();
        var tally = new RescanBatch.Tally();
        if (!changed.isEmpty()) {
            batches.fire(new RescanBatch(id, version, recordChanges(version, changed), tally));
        }
        j.done += checked.size();
        j.lastMessageId = page.lastId();
        j.changedMessages += changed.size();
        j.newAlerts += tally.newAlerts;
        j.unmatchedAlerts += tally.unmatchedAlerts;
        j.rematchedAlerts += tally.rematchedAlerts;
        j.updatedAt = clock.instant();
        return true;
    }

    /** Brings the findings of {@code changed} in line with their new hits; returns each message with its current findings. */
    private List<RescannedMessage> recordChanges(String version, List<Checked> changed) {
        List<Long> ids = changed.stream().map(c -> c.message().id()).toList();
        // First, so a scan of a never-scanned message among them waits for this batch and then skips it.
        ledger.recordChanged(ids, changed.stream().map(c -> c.hits().size()).toList(),
                changed.stream().map(Checked::digest).toList(), version);
        Map<Long, List<Finding>> current = new HashMap<>();
        for (Finding f : findings.current(ids)) {
            current.computeIfAbsent(f.messageId, k -> new ArrayList<>()).add(f);
        }
        Instant now = clock.instant();
        var retired = new ArrayList<Long>();
        var added = new ArrayList<Finding>();
        var kept = new HashMap<Long, List<Finding>>();
        for (Checked c : changed) {
            List<Finding> before = new ArrayList<>(current.getOrDefault(c.message().id(), List.of()));
            var after = new ArrayList<Finding>(c.hits().size());
            for (RuleHit hit : c.hits()) {
                Finding same = null;
                for (Finding f : before) {
                    if (f.sameAs(hit)) {
                        same = f;
                        break;
                    }
                }
                if (same != null) {
                    before.remove(same);
                    after.add(same);
                } else {
                    Finding f = Finding.of(c.message().id(), hit, version, now);
                    added.add(f);
                    after.add(f);
                }
            }
            before.forEach(f -> retired.add(f.id));
            kept.put(c.message().id(), after);
        }
        // Retired before the new ones are inserted: a hit whose span moved keeps its (message, rule, start).
        findings.retire(retired, version, now);
        findings.insertAll(added);
        var out = new ArrayList<RescannedMessage>(changed.size());
        for (MessageText m : archive.texts(ids)) {
            out.add(new RescannedMessage(m, kept.get(m.id()).stream().map(f -> FindingRecord.of(f, m)).toList()));
        }
        return out;
    }

    private void finish(long id) {
        RescanJob j = jobs.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if ("running".equals(j.status)) {
            j.status = "done";
            j.finishedAt = clock.instant();
            j.updatedAt = j.finishedAt;
        }
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
        reader.shutdownNow();
        writer.shutdownNow();
        checkers.shutdownNow();
    }
}
