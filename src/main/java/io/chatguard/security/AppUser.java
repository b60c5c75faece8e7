package io.chatguard.security;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.PasswordType;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;

/** A person who signs in to the web UI with a password (bcrypt hash). */
@Entity
@Table(name = "app_user")
@UserDefinition
public class AppUser {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_user_seq")
    @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 50)
    private Long id;

    @Username
    @Column(nullable = false, unique = true)
    private String username;

    @Password(PasswordType.MCF)
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Roles
    @Column(nullable = false)
    private String roles;

    @Column(name = "display_name")
    private String displayName;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AppUser() {
    }

    static AppUser create(String username, String password, java.util.Set<String> roles, String displayName,
            Instant now) {
        var user = new AppUser();
        user.username = username;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.roles = io.chatguard.security.Roles.format(roles);
        user.displayName = displayName;
        user.createdAt = now;
        return user;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public String getRoles() {
        return roles;
    }

    public String getDisplayName() {
        return displayName;
    }
}
