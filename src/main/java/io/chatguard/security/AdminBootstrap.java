package io.chatguard.security;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;

/**
 * Creates the first administrator of a new deployment from
 * {@code chatguard.bootstrap.admin-password}, only while no user with role admin exists.
 */
@ApplicationScoped
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    static final int MIN_PASSWORD_LENGTH = 12;

    private final BootstrapConfig config;
    private final AppUserRepository users;
    private final AccessAudit audit;
    private final Clock clock;

    AdminBootstrap(BootstrapConfig config, AppUserRepository users, AccessAudit audit, Clock clock) {
        this.config = config;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    void createFirstAdmin(@Observes @Priority(ProductionGuard.PRIORITY + 20) StartupEvent event) {
        Optional<String> password = config.adminPassword();
        if (password.isEmpty() || users.existsWithRole(Roles.ADMIN)) {
            return;
        }
        if (password.get().length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("chatguard.bootstrap.admin-password must have at least "
                    + MIN_PASSWORD_LENGTH + " characters");
        }
        users.persist(AppUser.create(config.adminUsername(), password.get(), Set.of(Roles.ADMIN), "系统管理员",
                clock.instant()));
        audit.record("system", "user.bootstrap_admin", "user", config.adminUsername(), java.util.Map.of());
        LOG.infof("created first administrator %s; remove CHATGUARD_BOOTSTRAP_ADMIN_PASSWORD from the environment",
                config.adminUsername());
    }

    /** First-administrator settings for a new deployment. */
    @ConfigMapping(prefix = "chatguard.bootstrap")
    public interface BootstrapConfig {
        /** Password of the first administrator; no default. Ignored once any admin exists. */
        Optional<String> adminPassword();

        /** Username of the first administrator. */
        @io.smallrye.config.WithDefault("admin")
        String adminUsername();
    }
}
