package io.chatguard.precheck;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A persisted BLOCK or WARN answer to a pre-send check: evidence of an attempted violation. Written by
 * {@link DecisionLog}'s batched insert (the id comes from the table's default), read through this mapping.
 */
@Entity
@Immutable
@Table(name = "precheck_decision")
class PrecheckDecision {
    @Id
    Long id;

    @Column(name = "decided_at", nullable = false)
    Instant decidedAt;

    @Column(nullable = false)
    String principal;

    String sender;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    List<String> receivers;

    String roomid;

    @Column(nullable = false)
    String decision;

    @Column(nullable = false)
    String text;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    String hits;

    @Column(name = "rules_version", nullable = false)
    String rulesVersion;

    /** {@code typing} for as-you-type checks, {@code send} for the check of a message being sent. */
    @Column(nullable = false)
    String stage;
}
