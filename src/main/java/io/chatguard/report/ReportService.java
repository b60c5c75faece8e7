package io.chatguard.report;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.platform.storage.EvidenceStore;
import io.chatguard.security.AccessAudit;
import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/**
 * Compliance reports. Officers create, share and see every report; regulators see and download only
 * those shared with them (anything else is a 403, whether it exists or not). Every download is audited.
 */
@ApplicationScoped
@Transactional
public class ReportService {
    private final ReportRepository reports;
    private final ReportShareRepository shares;
    private final EvidenceStore store;
    private final AccessAudit audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final Event<ReportCreated> created;

    ReportService(ReportRepository reports, ReportShareRepository shares, Event<ReportCreated> created, EvidenceStore store,
            AccessAudit audit, ObjectMapper json, Clock clock) {
        this.reports = reports;
        this.shares = shares;
        this.created = created;
        this.store = store;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** Creates a report and starts its export in the background. */
    public ReportView create(CreateReportRequest request, String by) {
        if (!request.from().isBefore(request.to())) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "from: must be before to");
        }
        var r = new Report();
        r.title = request.title().strip();
        r.createdBy = by;
        r.createdAt = clock.instant();
        r.periodFrom = request.from();
        r.periodTo = request.to();
        r.status = "queued";
        r.filter = write(request.filter());
        reports.persist(r);
        reports.flush();
        long id = r.id;
        audit.record(by, "report.create", "report", String.valueOf(id), Map.of("title", r.title, "from", r.periodFrom.toString(),
                "to", r.periodTo.toString()));
        created.fire(new ReportCreated(id));
        return view(r);
    }

    @Transactional(TxType.SUPPORTS)
    public List<ReportView> visibleTo(CurrentUser user, int page, int size) {
        List<Report> found = user.hasRole(Roles.OFFICER)
                ? reports.findRecent(page, size)
                : reports.findSharedWith(user.name(), page, size);
        return found.stream().map(this::view).toList();
    }

    @Transactional(TxType.SUPPORTS)
    public ReportView get(long id, CurrentUser user) {
        return view(visible(id, user));
    }

    /** Shares report {@code id} with regulator {@code regulator}. */
    public ReportView share(long id, String regulator, String by) {
        Report r = reports.findById(id);
        if (r == null) {
            throw notFound(id);
        }
        if (regulator == null || regulator.isBlank()) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "regulator: is required");
        }
        if (shares.findById(new ReportShare.Key(id, regulator.strip())) == null) {
            var s = new ReportShare();
            s.reportId = id;
            s.sharedWith = regulator.strip();
            s.sharedBy = by;
            s.sharedAt = clock.instant();
            shares.persist(s);
            audit.record(by, "report.share", "report", String.valueOf(id), Map.of("regulator", s.sharedWith));
        }
        return view(r);
    }

    /** A report file and its metadata, to stream to the caller. */
    public record Download(String name, String contentType, InputStream content) {
    }

    /** Opens file {@code name} of report {@code id}: 403 if not visible, 409 before it is exported, 410 once expired. */
    @Transactional(TxType.SUPPORTS)
    public Download download(long id, String name, CurrentUser user) {
        Report r = visible(id, user);
        if (!ReportExporter.FILES.contains(name)) {
            throw new ChatGuardException(ProblemType.NOT_FOUND, "no file " + name + "; files: " + String.join(", ", ReportExporter.FILES));
        }
        if (!"done".equals(r.status)) {
            throw new ChatGuardException(ProblemType.CONFLICT, "report " + id + " is " + r.status + "; its files are not ready");
        }
        Instant now = clock.instant();
        if (r.expiresAt != null && !now.isBefore(r.expiresAt)) {
            throw new ChatGuardException(ProblemType.DOWNLOAD_EXPIRED, "the downloads of report " + id + " expired at " + r.expiresAt);
        }
        audit.record(user.name(), "report.download", "report", String.valueOf(id), Map.of("file", name));
        return new Download(name, ReportExporter.contentType(name), store.get(ReportExporter.fileKey(r.packageKey, name)));
    }

    private Report visible(long id, CurrentUser user) {
        Report r = reports.findById(id);
        if (user.hasRole(Roles.OFFICER)) {
            if (r == null) {
                throw notFound(id);
            }
            return r;
        }
        // Regulators learn nothing about reports not shared with them, not even whether they exist.
        if (r == null || shares.findById(new ReportShare.Key(id, user.name())) == null) {
            throw new ChatGuardException(ProblemType.FORBIDDEN, "report " + id + " is not shared with you");
        }
        return r;
    }

    private static ChatGuardException notFound(long id) {
        return new ChatGuardException(ProblemType.NOT_FOUND, "no report " + id);
    }

    private ReportView view(Report r) {
        ReportFilter filter;
        try {
            filter = json.readValue(r.filter, ReportFilter.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new ReportView(r.id, r.title, r.createdBy, r.createdAt, r.periodFrom, r.periodTo, filter, r.status, r.totalAlerts,
                r.doneAlerts, r.packageSha256, r.packageSize, r.finishedAt, r.expiresAt, r.error);
    }

    private String write(ReportFilter f) {
        try {
            return json.writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
