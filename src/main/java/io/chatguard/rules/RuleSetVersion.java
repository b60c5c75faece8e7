package io.chatguard.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A rules version that was published, with the hash of every file in it. */
@Entity
@Table(name = "rule_set_version")
class RuleSetVersion {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rule_set_version_seq")
    @SequenceGenerator(name = "rule_set_version_seq", sequenceName = "rule_set_version_seq", allocationSize = 50)
    Long id;

    @Column(nullable = false, unique = true)
    String version;

    @Column(name = "content_sha256", nullable = false)
    String contentSha256;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    List<Map<String, String>> files;

    @Column(name = "rule_count", nullable = false)
    int ruleCount;

    @Column(name = "loaded_at", nullable = false)
    Instant loadedAt;

    @Column(name = "loaded_by", nullable = false)
    String loadedBy;

    @Column(nullable = false)
    boolean active;
}
