package io.chatguard.alert;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Review deadlines. */
@ConfigMapping(prefix = "chatguard.alert")
public interface AlertConfig {

    /** Time to review an alert, from when it is raised, by rule severity. */
    Sla sla();

    interface Sla {
        /** Critical: BLOCK-level promises, insider information, leverage. */
        @WithDefault("4h")
        Duration critical();

        @WithDefault("24h")
        Duration high();

        @WithDefault("72h")
        Duration medium();

        @WithDefault("168h")
        Duration low();
    }
}
