package io.chatguard.alert;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An item for compliance review: one per (message, rule) for rule hits. Its state changes only through
 * {@link AlertWorkflow}, and every change is an {@link AlertEvent}.
 */
@Entity
@Table(name = "alert")
class Alert {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_seq")
    @SequenceGenerator(name = "alert_seq", sequenceName = "alert_seq", allocationSize = 50)
    Long id;

    @Column(nullable = false)
    String kind;

    @Column(name = "message_id")
    Long messageId;

    @Column(name = "rule_id")
    String ruleId;

    @Column(name = "rules_version")
    String rulesVersion;

    String category;

    @Column(nullable = false)
    String severity;

    @Column(nullable = false)
    String status;

    String resolution;

    String assignee;

    @Column(name = "employee_userid")
    String employeeUserid;

    @Column(name = "conversation_id")
    Long conversationId;

    @Column(name = "message_time")
    Instant messageTime;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "due_at")
    Instant dueAt;

    @Column(name = "closed_at")
    Instant closedAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    List<String> tags;

    /** The ingestion signal (seq gap, recall) this alert was raised from, or null. */
    @Column(name = "signal_id")
    Long signalId;

    /** What a signal alert is about, in Chinese, for the reviewer; null for rule hits. */
    String detail;

    /** The rules version under which this alert's rule stopped matching its message, or null. */
    @Column(name = "unmatched_version")
    String unmatchedVersion;

    @Version
    long version;

    AlertState state() {
        return new AlertState(AlertStatus.of(status), assignee, Resolution.of(resolution), tags);
    }

    void moveTo(AlertState s, Instant at) {
        status = s.status().label();
        assignee = s.assignee();
        resolution = s.resolution() == null ? null : s.resolution().label();
        tags = s.tags();
        closedAt = s.status() == AlertStatus.CLOSED ? at : null;
    }
}
