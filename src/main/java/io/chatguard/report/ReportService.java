package io.chatguard.report;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.chatguard.security.CurrentUser;
import io.chatguard.security.Roles;

/** Compliance reports. Officers see every report; regulators only those shared with them. */
@ApplicationScoped
@Transactional
public class ReportService {
    private final ReportRepository reports;

    ReportService(ReportRepository reports) {
        this.reports = reports;
    }

    @Transactional(TxType.SUPPORTS)
    public List<ReportView> visibleTo(CurrentUser user, int page, int size) {
        List<Report> found = user.hasRole(Roles.OFFICER)
                ? reports.findRecent(page, size)
                : reports.findSharedWith(user.name(), page, size);
        return found.stream().map(ReportView::of).toList();
    }
}
