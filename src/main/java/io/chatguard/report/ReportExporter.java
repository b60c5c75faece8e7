package io.chatguard.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.evidence.EvidenceLedger;
import io.chatguard.evidence.LedgerEntry;
import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.platform.storage.Sha256;
import io.chatguard.report.render.CsvReportWriter;
import io.chatguard.report.render.PdfReportWriter;
import io.chatguard.report.render.ReportContent;
import io.chatguard.report.render.ReportWriter;
import io.chatguard.report.render.XlsxReportWriter;
import io.chatguard.security.AccessAudit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Exports a report in the background: walks its alerts page by page into the PDF, XLSX and CSV writers
 * and copies each referenced message's evidence (and media) into the evidence package, then uploads the
 * files and the package to object storage. Memory stays flat: the writers stream to local files, the
 * package streams to a ZIP. Progress is saved with each page; an export interrupted by a restart is
 * started again from the beginning at start-up (its half-written files cannot be appended to).
 */
@ApplicationScoped
public class ReportExporter {
    private static final Logger LOG = Logger.getLogger(ReportExporter.class);
    private static final int PAGE = 500;
    static final List<String> FILES = List.of("report.pdf", "report.xlsx", "alerts.csv", "summary.csv", "package.zip");

    private final ReportRepository reports;
    private final ReportData data;
    private final EvidenceStore store;
    private final EvidenceLedger ledger;
    private final PackageSigner signer;
    private final ReportConfig config;
    private final AccessAudit audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("report-export").daemon().factory());

    ReportExporter(ReportRepository reports, ReportData data, EvidenceStore store, EvidenceLedger ledger, PackageSigner signer,
            ReportConfig config, AccessAudit audit, ObjectMapper json, Clock clock) {
        this.reports = reports;
        this.data = data;
        this.store = store;
        this.ledger = ledger;
        this.signer = signer;
        this.config = config;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    void resumeOnStart(@Observes StartupEvent start) {
        List<Long> pending = QuarkusTransaction.requiringNew().call(() -> reports.find("status in ('queued', 'running')")
                .list().stream().map(r -> r.id).toList());
        for (long id : pending) {
            LOG.infof("exporting report %d again after a restart", id);
            submit(id);
        }
    }

    void onCreated(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReportCreated created) {
        submit(created.reportId());
    }

    void submit(long reportId) {
        worker.submit(() -> {
            try {
                export(reportId);
            } catch (RuntimeException | Error e) { // an OutOfMemoryError too: the report must not stay "running"
                LOG.errorf(e, "report %d export failed", reportId);
                QuarkusTransaction.requiringNew().run(() -> {
                    Report r = reports.findById(reportId);
                    r.status = "failed";
                    r.error = String.valueOf(e.getMessage());
                    r.finishedAt = clock.instant();
                });
            }
        });
    }

    /** Exports report {@code reportId} now, on the caller's thread. */
    void export(long reportId) {
        Report r = QuarkusTransaction.requiringNew().call(() -> {
            Report found = reports.findById(reportId);
            found.status = "running";
            found.doneAlerts = 0;
            found.error = null;
            return found;
        });
        ReportFilter filter = filter(r);
        Path dir = config.workDir().resolve("report-" + reportId);
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            ReportContent.Summary summary = data.summary(r.title, r.periodFrom, r.periodTo, filter, describe(filter),
                    r.createdBy, clock.instant());
            long total = summary.alerts();
            QuarkusTransaction.requiringNew().run(() -> reports.findById(reportId).totalAlerts = total);
            Path zip = dir.resolve("package.zip");
            try (OutputStream pdfOut = Files.newOutputStream(dir.resolve("report.pdf"));
                    OutputStream xlsxOut = Files.newOutputStream(dir.resolve("report.xlsx"));
                    OutputStream csvOut = Files.newOutputStream(dir.resolve("alerts.csv"));
                    OutputStream zipOut = Files.newOutputStream(zip);
                    ReportWriter pdf = new PdfReportWriter(pdfOut, config.pdfFont(), config.pdfMaxDetail());
                    ReportWriter xlsx = new XlsxReportWriter(xlsxOut);
                    ReportWriter csv = new CsvReportWriter(csvOut);
                    EvidencePackage pkg = new EvidencePackage(zipOut, dir, json)) {
                for (ReportWriter w : List.of(pdf, xlsx, csv)) {
                    w.summary(summary);
                }
                long afterId = 0;
                long done = 0;
                while (true) {
                    long after = afterId;
                    List<ReportData.AlertRow> page = QuarkusTransaction.requiringNew().call(() -> data.page(r.periodFrom,
                            r.periodTo, filter, after, PAGE, config.context()));
                    if (page.isEmpty()) {
                        break;
                    }
                    for (ReportData.AlertRow a : page) {
                        for (ReportWriter w : List.of(pdf, xlsx, csv)) {
                            w.alert(a.content());
                        }
                    }
                    addEvidence(pkg, page);
                    afterId = page.get(page.size() - 1).content().alertId();
                    done += page.size();
                    long progress = done;
                    QuarkusTransaction.requiringNew().run(() -> reports.findById(reportId).doneAlerts = progress);
                }
                for (ReportWriter w : List.of(pdf, xlsx, csv)) {
                    w.finish();
                }
                try (OutputStream out = Files.newOutputStream(dir.resolve("summary.csv"))) {
                    CsvReportWriter.writeSummary(summary, out);
                }
                for (String name : FILES.subList(0, 4)) {
                    try (InputStream in = Files.newInputStream(dir.resolve(name))) {
                        pkg.add("report/" + name, in, null);
                    }
                }
                var about = new LinkedHashMap<String, Object>();
                about.put("reportId", reportId);
                about.put("title", r.title);
                about.put("period", Map.of("from", r.periodFrom.toString(), "to", r.periodTo.toString()));
                about.put("filter", filter);
                about.put("alerts", done);
                about.put("exportedBy", r.createdBy);
                about.put("exportedAt", clock.instant().toString());
                pkg.finish(about, ledger.head(), signer);
            }
            // A folder per attempt: an export retried after a crash never collides with what it uploaded before
            // (evidence objects are never overwritten).
            String prefix = filesPrefix(reportId, clock.instant());
            for (String name : FILES) {
                store.put(prefix + name, dir.resolve(name), contentType(name));
            }
            String sha = Sha256.hex(zip);
            long size = Files.size(zip);
            Instant finished = clock.instant();
            QuarkusTransaction.requiringNew().run(() -> {
                Report done = reports.findById(reportId);
                done.status = "done";
                done.packageKey = prefix + "package.zip";
                done.packageSha256 = sha;
                done.packageSize = size;
                done.finishedAt = finished;
                done.expiresAt = finished.plus(config.downloadTtl());
            });
            audit.record(r.createdBy, "report.export", "report", String.valueOf(reportId), Map.of("alerts", total,
                    "packageSha256", sha));
            LOG.infof("report %d exported: %d alerts, package %s (%d bytes)", reportId, total, sha, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Copies the evidence of the page's messages into the package (each message once), each file with the
     * ledger entry of the record it copies.
     */
    private void addEvidence(EvidencePackage pkg, List<ReportData.AlertRow> page) throws IOException {
        var msgids = new LinkedHashMap<Long, String>();
        for (ReportData.AlertRow a : page) {
            if (a.messageId() != null) {
                msgids.put(a.messageId(), a.msgid());
            }
        }
        // Slices of one batch object are read in one pass over it, in offset order, not one request each.
        var byObject = new LinkedHashMap<String, List<ReportData.EvidenceFile>>();
        for (ReportData.EvidenceFile f : QuarkusTransaction.requiringNew().call(() -> data.evidence(msgids))) {
            if (!pkg.contains(f.name())) {
                byObject.computeIfAbsent(f.objectKey(), k -> new ArrayList<>()).add(f);
            }
        }
        var covering = new java.util.HashMap<String, LedgerEntry>();
        List<String> refs = byObject.values().stream().flatMap(List::stream).map(ReportData.EvidenceFile::ref).toList();
        if (!refs.isEmpty()) {
            ledger.entriesFor(refs).forEach(e -> covering.put(e.ref(), e));
        }
        for (var group : byObject.entrySet()) {
            List<ReportData.EvidenceFile> files = group.getValue();
            if (files.size() == 1 || files.stream().anyMatch(f -> f.length() < 0)) {
                for (ReportData.EvidenceFile f : files) {
                    addRead(pkg, f, covering);
                }
                continue;
            }
            files.sort(Comparator.comparingLong(ReportData.EvidenceFile::offset));
            try (InputStream in = store.get(group.getKey())) {
                long at = 0;
                for (ReportData.EvidenceFile f : files) {
                    if (f.offset() < at) { // overlapping slices: not written by ChatGuard, but read them anyway
                        addRead(pkg, f, covering);
                    } else {
                        in.skipNBytes(f.offset() - at);
                        pkg.add(f.name(), new java.io.ByteArrayInputStream(in.readNBytes((int) f.length())), covering.get(f.ref()));
                        at = f.offset() + f.length();
                    }
                }
            }
        }
    }

    /** Adds evidence file {@code f} read on its own: the whole object, or its slice by a range request. */
    private void addRead(EvidencePackage pkg, ReportData.EvidenceFile f, Map<String, LedgerEntry> covering) throws IOException {
        try (InputStream in = f.length() < 0 ? store.get(f.objectKey()) : store.get(f.objectKey(), f.offset(), f.length())) {
            pkg.add(f.name(), in, covering.get(f.ref()));
        }
    }

    private ReportFilter filter(Report r) {
        try {
            return json.readValue(r.filter, ReportFilter.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable filter of report " + r.id, e);
        }
    }

    /** The filter in words, for the report's first page. */
    static String describe(ReportFilter f) {
        var parts = new ArrayList<String>();
        if (!f.employees().isEmpty()) {
            parts.add("员工：" + String.join("、", f.employees()));
        }
        if (!f.categories().isEmpty()) {
            parts.add("类别：" + String.join("、", f.categories().stream().map(c -> Labels.of(Labels.CATEGORY, c)).toList()));
        }
        if (!f.outcomes().isEmpty()) {
            parts.add("处理结果：" + String.join("、", f.outcomes().stream().map(Labels::outcome).toList()));
        }
        return parts.isEmpty() ? "全部" : String.join("；", parts);
    }

    static String filesPrefix(long reportId, Instant attempt) {
        return "reports/" + reportId + "/" + attempt.toEpochMilli() + "/";
    }

    /** Where file {@code name} of a done report is: beside its package. */
    static String fileKey(String packageKey, String name) {
        return packageKey.substring(0, packageKey.lastIndexOf('/') + 1) + name;
    }

    static String contentType(String name) {
        return switch (name.substring(name.lastIndexOf('.') + 1)) {
            case "pdf" -> "application/pdf";
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            case "csv" -> "text/csv; charset=utf-8";
            default -> "application/zip";
        };
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warnf(e, "could not remove %s", dir);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
