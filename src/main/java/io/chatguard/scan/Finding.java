package io.chatguard.scan;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.chatguard.rules.RuleHit;

/**
 * One rule hit in an archived message, written by the scan that first found it. It stays current while
 * later scans find it again; when one no longer does, it is retired with that scan's rules version, never
 * deleted.
 */
@Entity
@Table(name = "finding")
class Finding {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "finding_seq")
    @SequenceGenerator(name = "finding_seq", sequenceName = "finding_seq", allocationSize = 50)
    Long id;

    @Column(name = "message_id", nullable = false)
    long messageId;

    @Column(name = "rule_id", nullable = false)
    String ruleId;

    @Column(name = "rules_version", nullable = false)
    String rulesVersion;

    @Column(nullable = false)
    String category;

    @Column(nullable = false)
    String severity;

    @Column(nullable = false)
    String action;

    @Column(name = "start_offset", nullable = false)
    int start;

    @Column(name = "end_offset", nullable = false)
    int end;

    @Column(nullable = false)
    String matched;

    @Column(nullable = false)
    String original;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "retired_version")
    String retiredVersion;

    @Column(name = "retired_at")
    Instant retiredAt;

    /** Whether {@code hit} is this finding again: same rule, span, match, category, severity and action. */
    boolean sameAs(RuleHit hit) {
        return ruleId.equals(hit.ruleId()) && start == hit.start() && end == hit.end() && matched.equals(hit.matched())
                && category.equals(hit.category()) && severity.equals(hit.severity()) && action.equals(hit.action().name());
    }

    static Finding of(long messageId, RuleHit hit, String rulesVersion, Instant at) {
        Finding f = new Finding();
        f.messageId = messageId;
        f.ruleId = hit.ruleId();
        f.rulesVersion = rulesVersion;
        f.category = hit.category();
        f.severity = hit.severity();
        f.action = hit.action().name();
        f.start = hit.start();
        f.end = hit.end();
        f.matched = hit.matched();
        f.original = hit.original();
        f.createdAt = at;
        return f;
    }
}
