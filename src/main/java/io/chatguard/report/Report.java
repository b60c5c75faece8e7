package io.chatguard.report;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A compliance report over a period. Regulators see only reports shared with them. */
@Entity
@Table(name = "report")
class Report {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "report_seq")
    @SequenceGenerator(name = "report_seq", sequenceName = "report_seq", allocationSize = 50)
    Long id;

    @Column(nullable = false)
    String title;

    @Column(name = "created_by", nullable = false)
    String createdBy;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "period_from", nullable = false)
    Instant periodFrom;

    @Column(name = "period_to", nullable = false)
    Instant periodTo;

    @Column(nullable = false)
    String status;

    /** The {@link ReportFilter} as JSON. */
    @Column(nullable = false, columnDefinition = "jsonb")
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    String filter;

    @Column(name = "total_alerts")
    Long totalAlerts;

    @Column(name = "done_alerts", nullable = false)
    long doneAlerts;

    @Column(name = "package_key")
    String packageKey;

    @Column(name = "package_sha256")
    String packageSha256;

    @Column(name = "package_size")
    Long packageSize;

    @Column(name = "finished_at")
    Instant finishedAt;

    @Column(name = "expires_at")
    Instant expiresAt;

    String error;
}
