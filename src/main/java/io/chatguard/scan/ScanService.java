package io.chatguard.scan;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.chatguard.archive.ArchiveService;
import io.chatguard.archive.MessageText;
import io.chatguard.archive.MessagesArchived;
import io.chatguard.rules.RuleEngine;
import io.chatguard.rules.RuleHit;
import io.chatguard.rules.RuleVerdict;
import io.chatguard.rules.engine.RuleSnapshot;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Scans archived messages with the same rule engine as the pre-send check (事后预警). New messages are
 * scanned right after their batch commits, off the ingest thread; a sweep walks the archive behind a
 * cursor and scans whatever a crash or a full queue left unscanned. Each message is scanned once
 * ({@code message_scan}), and its findings commit together with the alerts raised from them.
 */
@ApplicationScoped
public class ScanService {
    private static final Logger LOG = Logger.getLogger(ScanService.class);

    private final ArchiveService archive;
    private final RuleEngine engine;
    private final FindingRepository findings;
    private final ScanLedger ledger;
    private final Event<FindingsRecorded> recorded;
    private final Event<MessagesScanned> scanned;
    private final ScanConfig config;
    private final Clock clock;
    /** One thread: scans of new batches run in arrival order and never contend with each other. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("scan-on-ingest").daemon().factory());

    ScanService(ArchiveService archive, RuleEngine engine, FindingRepository findings, ScanLedger ledger,
            Event<FindingsRecorded> recorded, Event<MessagesScanned> scanned, ScanConfig config, Clock clock) {
        this.scanned = scanned;
        this.archive = archive;
        this.engine = engine;
        this.findings = findings;
        this.ledger = ledger;
        this.recorded = recorded;
        this.config = config;
        this.clock = clock;
    }

    /** Queues the messages of a committed batch for scanning. Losing the queue (a crash) only delays them: the sweep finds them. */
    void onArchived(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagesArchived batch) {
        if (!config.onIngest()) {
            return;
        }
        worker.submit(() -> {
            try {
                scan(batch.messageIds());
            } catch (RuntimeException e) {
                if (worker.isShutdown()) {
                    LOG.infof("scan of %d new messages stopped by shutdown; the sweep will scan them", batch.messageIds().size());
                } else {
                    LOG.errorf(e, "scan of %d new messages failed; the sweep will retry them", batch.messageIds().size());
                }
            }
        });
    }

    /**
     * Scans those of {@code messageIds} not scanned yet, in batches of {@link ScanConfig#batchSize()}, each
     * in its own transaction; returns the number of findings recorded.
     */
    public ScanResult scan(List<Long> messageIds) {
        var total = new ScanResult(0, 0);
        for (int from = 0; from < messageIds.size(); from += config.batchSize()) {
            List<Long> ids = messageIds.subList(from, Math.min(messageIds.size(), from + config.batchSize()));
            total = total.plus(QuarkusTransaction.requiringNew().call(() -> scanBatch(ids)));
        }
        return total;
    }

    /**
     * Scans every message stored before the settle time that has no scan yet, walking ids behind the
     * sweep cursor; the cursor moves in the same transaction as each batch. Returns what it did.
     */
    public ScanResult sweep() {
        var total = new ScanResult(0, 0);
        Instant settled = clock.instant().minus(config.settle());
        while (true) {
            ScanResult batch = QuarkusTransaction.requiringNew().call(() -> {
                List<Long> ids = archive.messageIdsAfter(ledger.sweepCursor(), settled, config.batchSize());
                if (ids.isEmpty()) {
                    return null;
                }
                ScanResult r = scanBatch(ids);
                ledger.advanceSweepCursor(ids.get(ids.size() - 1));
                return r;
            });
            if (batch == null) {
                return total;
            }
            total = total.plus(batch);
        }
    }

    /** Whether any scan found a rule hit in message {@code messageId}. */
    public boolean hasFindings(long messageId) {
        return QuarkusTransaction.joiningExisting().call(() -> findings.count("messageId", messageId) > 0);
    }

    /** The current findings of each of {@code messages} that has any, in text order. */
    public Map<Long, List<FindingRecord>> findingsOf(List<MessageText> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        var byId = new HashMap<Long, MessageText>();
        messages.forEach(m -> byId.put(m.id(), m));
        return QuarkusTransaction.joiningExisting().call(() -> {
            var out = new HashMap<Long, List<FindingRecord>>();
            for (Finding f : findings.current(List.copyOf(byId.keySet()))) {
                out.computeIfAbsent(f.messageId, k -> new ArrayList<>()).add(FindingRecord.of(f, byId.get(f.messageId)));
            }
            return out;
        });
    }

    /** The compliance categories of the current findings of each of {@code messageIds} that has any. */
    public Map<Long, List<String>> categoriesOf(List<Long> messageIds) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            var out = new HashMap<Long, List<String>>();
            for (Object[] row : findings.currentCategories(messageIds)) {
                out.computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>()).add((String) row[1]);
            }
            return out;
        });
    }

    /** The current findings of one message (what the latest scan of it found), in text order. */
    public List<FindingRecord> findingsOf(MessageText message) {
        return findingsOf(List.of(message)).getOrDefault(message.id(), List.of());
    }

    private ScanResult scanBatch(List<Long> ids) {
        var done = new java.util.HashSet<>(ledger.scanned(ids));
        List<Long> pending = ids.stream().filter(id -> !done.contains(id)).sorted().toList();
        if (pending.isEmpty()) {
            return new ScanResult(0, 0);
        }
        RuleSnapshot snapshot = engine.snapshot();
        var texts = new HashMap<Long, MessageText>();
        var verdicts = new HashMap<Long, RuleVerdict>();
        var order = new ArrayList<Long>();
        // In id order, as archive.texts returns them.
        for (MessageText m : archive.texts(pending)) {
            texts.put(m.id(), m);
            verdicts.put(m.id(), engine.check(snapshot, m.text()));
            order.add(m.id());
        }
        var recordedIds = new java.util.HashSet<>(ledger.record(order,
                order.stream().map(id -> verdicts.get(id).hits().size()).toList(),
                order.stream().map(id -> HitDigest.of(verdicts.get(id).hits())).toList(), snapshot.version()));
        Instant now = clock.instant();
        // Findings recorded before message_scan rows existed for them (an interrupted older scan).
        var existing = findings.currentKeys(order);
        var found = new ArrayList<Finding>();
        var foundIn = new ArrayList<MessageText>();
        var added = new ArrayList<Finding>();
        for (long id : order) {
            if (!recordedIds.contains(id)) {
                continue;
            }
            MessageText m = texts.get(id);
            RuleVerdict verdict = verdicts.get(id);
            for (RuleHit hit : verdict.hits()) {
                Finding f = Finding.of(m.id(), hit, verdict.rulesVersion(), now);
                if (existing.add(m.id() + "/" + f.ruleId + "/" + f.start)) {
                    added.add(f);
                }
                found.add(f);
                foundIn.add(m);
            }
        }
        findings.insertAll(added);
        var recordedNow = new ArrayList<FindingRecord>(found.size());
        for (int i = 0; i < found.size(); i++) {
            recordedNow.add(FindingRecord.of(found.get(i), foundIn.get(i)));
        }
        if (!recordedNow.isEmpty()) {
            recorded.fire(new FindingsRecorded(recordedNow));
        }
        List<Long> firstTime = order.stream().filter(recordedIds::contains).toList();
        if (!firstTime.isEmpty()) {
            scanned.fire(new MessagesScanned(firstTime.stream().map(texts::get).toList(), snapshot.version(),
                    firstTime.stream().map(id -> verdicts.get(id).hits().size()).toList()));
        }
        return new ScanResult(recordedIds.size(), recordedNow.size());
    }

    @PreDestroy
    void stop() {
        // Queued scans are dropped, not lost: the sweep picks their messages up after the restart.
        worker.shutdownNow();
    }
}
