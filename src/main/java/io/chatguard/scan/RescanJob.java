package io.chatguard.scan;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A retroactive rescan over a time range; its cursor and counters move with each committed batch. */
@Entity
@Table(name = "rescan_job")
class RescanJob {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rescan_job_seq")
    @SequenceGenerator(name = "rescan_job_seq", sequenceName = "rescan_job_seq", allocationSize = 50)
    Long id;

    @Column(name = "requested_by", nullable = false)
    String requestedBy;

    @Column(name = "requested_at", nullable = false)
    Instant requestedAt;

    @Column(name = "rules_version", nullable = false)
    String rulesVersion;

    @Column(name = "period_from")
    Instant from;

    @Column(name = "period_to")
    Instant to;

    @Column(nullable = false)
    String status;

    @Column(nullable = false)
    long total;

    @Column(nullable = false)
    long done;

    @Column(name = "last_message_id", nullable = false)
    long lastMessageId;

    @Column(name = "last_period_message_id")
    Long lastPeriodMessageId;

    @Column(name = "changed_messages", nullable = false)
    long changedMessages;

    @Column(name = "new_alerts", nullable = false)
    long newAlerts;

    @Column(name = "unmatched_alerts", nullable = false)
    long unmatchedAlerts;

    @Column(name = "rematched_alerts", nullable = false)
    long rematchedAlerts;

    @Column(name = "started_at", nullable = false)
    Instant startedAt;

    @Column(name = "resumed_at")
    Instant resumedAt;

    @Column(name = "done_at_resume", nullable = false)
    long doneAtResume;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "finished_at")
    Instant finishedAt;

    String error;
}
