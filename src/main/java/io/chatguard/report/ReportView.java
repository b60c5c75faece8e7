package io.chatguard.report;

import java.time.Instant;

/**
 * A report and where its export stands.
 *
 * @param id report id
 * @param title title
 * @param createdBy officer who created it
 * @param createdAt creation time
 * @param periodFrom start of the covered period (inclusive)
 * @param periodTo end of the covered period (exclusive)
 * @param filter which alerts it covers
 * @param status queued, running, done or failed
 * @param totalAlerts alerts to export, once counted
 * @param doneAlerts alerts exported so far
 * @param packageSha256 SHA-256 of the evidence package, once done (also in the evidence ledger)
 * @param packageSize its size in bytes
 * @param finishedAt when the export finished
 * @param expiresAt when its downloads stop
 * @param error why the export failed, or null
 */
public record ReportView(long id, String title, String createdBy, Instant createdAt, Instant periodFrom, Instant periodTo,
        ReportFilter filter, String status, Long totalAlerts, long doneAlerts, String packageSha256, Long packageSize,
        Instant finishedAt, Instant expiresAt, String error) {
}
