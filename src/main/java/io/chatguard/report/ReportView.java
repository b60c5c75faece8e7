package io.chatguard.report;

import java.time.Instant;

/**
 * A report as listed.
 *
 * @param id report id
 * @param title title
 * @param createdBy officer who created it
 * @param createdAt creation time
 * @param periodFrom start of the covered period (inclusive)
 * @param periodTo end of the covered period (exclusive)
 * @param status queued, running, done or failed
 */
public record ReportView(long id, String title, String createdBy, Instant createdAt, Instant periodFrom,
        Instant periodTo, String status) {

    static ReportView of(Report r) {
        return new ReportView(r.id, r.title, r.createdBy, r.createdAt, r.periodFrom, r.periodTo, r.status);
    }
}
