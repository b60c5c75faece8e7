package io.chatguard.report;

/** A report was created; its export starts once the creating transaction commits. */
record ReportCreated(long reportId) {
}
