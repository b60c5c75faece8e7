package io.chatguard.security;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Creates the demo users and tokens when {@code chatguard.demo.seed} is on (local profile). */
@ApplicationScoped
public class DemoSeeder {
    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);

    private final DemoConfig demo;
    private final AppUserRepository users;
    private final ApiTokenService tokens;
    private final Clock clock;

    DemoSeeder(DemoConfig demo, AppUserRepository users, ApiTokenService tokens, Clock clock) {
        this.demo = demo;
        this.users = users;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Transactional
    void seed(@Observes @Priority(ProductionGuard.PRIORITY + 10) StartupEvent event) {
        if (!demo.seed()) {
            return;
        }
        Map<String, String> people = Map.of(
                Roles.ADVISOR, "投资顾问（演示）",
                Roles.OFFICER, "合规专员（演示）",
                Roles.REGULATOR, "监管检查员（演示）",
                Roles.ADMIN, "系统管理员（演示）");
        people.forEach((role, displayName) -> {
            if (users.findByUsername(role).isEmpty()) {
                users.persist(AppUser.create(role, demo.password(), Set.of(role), displayName, clock.instant()));
            }
        });
        tokens.ensureConfigured("demo advisor token", demo.tokens().advisor(), "demo-advisor", Set.of(Roles.ADVISOR));
        tokens.ensureConfigured("demo officer token", demo.tokens().officer(), "demo-officer", Set.of(Roles.OFFICER));
        tokens.ensureConfigured("demo regulator token", demo.tokens().regulator(), "demo-regulator",
                Set.of(Roles.REGULATOR));
        tokens.ensureConfigured("demo admin token", demo.tokens().admin(), "demo-admin", Set.of(Roles.ADMIN));
        LOG.info("demo users (advisor, officer, regulator, admin) and one demo API token per role are in place");
    }
}
