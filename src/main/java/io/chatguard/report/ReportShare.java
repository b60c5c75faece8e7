package io.chatguard.report;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Grants one regulator access to one report. */
@Entity
@Table(name = "report_share")
@IdClass(ReportShare.Key.class)
class ReportShare {
    @Id
    @Column(name = "report_id")
    Long reportId;

    @Id
    @Column(name = "shared_with")
    String sharedWith;

    @Column(name = "shared_by", nullable = false)
    String sharedBy;

    @Column(name = "shared_at", nullable = false)
    Instant sharedAt;

    record Key(Long reportId, String sharedWith) implements Serializable {
    }
}
