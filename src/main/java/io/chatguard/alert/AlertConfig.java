package io.chatguard.alert;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Review deadlines. */
@ConfigMapping(prefix = "chatguard.alert")
public interface AlertConfig {

    /** Time to review an alert, from when it is raised, by rule severity. */
    Sla sla();

    /** Random review of clean messages: quality control of the rules themselves. */
    Sampling sampling();

    interface Sampling {
        /** Percentage of clean messages sampled for employees without a group-specific rate; 0 disables. */
        @WithDefault("0")
        double defaultPercent();

        /** Percentage per employee group ({@code employee.employee_group}), e.g. {@code 新员工=5}. */
        java.util.Map<String, Double> groups();
    }

    /** How often ingestion signals (seq gaps, recalls) are turned into alerts ({@code off} to disable). */
    @WithDefault("30s")
    String signalSweepEvery();

    /** How old a signal must be before the signal sweep's cursor passes it. */
    @WithDefault("2m")
    Duration signalSettle();

    /** Recalls by one employee within {@link #recallWindow()} that raise an alert even without rule hits. */
    @WithDefault("5")
    int recallThreshold();

    @WithDefault("24h")
    Duration recallWindow();

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
