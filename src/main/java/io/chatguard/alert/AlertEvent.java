package io.chatguard.alert;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One thing that happened to an alert. Append-only: the database refuses updates and deletes. */
@Entity
@Immutable
@Table(name = "alert_event")
class AlertEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_event_seq")
    @SequenceGenerator(name = "alert_event_seq", sequenceName = "alert_event_seq", allocationSize = 50)
    Long id;

    @Column(name = "alert_id", nullable = false)
    long alertId;

    @Column(name = "occurred_at", nullable = false)
    Instant occurredAt;

    @Column(nullable = false)
    String actor;

    @Column(nullable = false)
    String action;

    @JdbcTypeCode(SqlTypes.JSON)
    String before;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    String after;

    String note;
}
