package io.chatguard.scan;

import java.util.List;

/**
 * Fired inside the transaction that stores a scan batch's findings, so what observes it (alerts) commits
 * or rolls back with them: a finding never exists without its alert.
 *
 * @param findings the new findings, in message order
 */
public record FindingsRecorded(List<FindingRecord> findings) {
    public FindingsRecorded {
        findings = List.copyOf(findings);
    }
}
