package io.chatguard.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Demo accounts for local runs. The prod profile refuses to start when these are in use. */
@ConfigMapping(prefix = "chatguard.demo")
public interface DemoConfig {
    /** Whether to create the demo users and tokens at start-up (true only in the local profile). */
    @WithDefault("false")
    boolean seed();

    /** Password of the demo users {@code advisor}, {@code officer}, {@code regulator} and {@code admin}. */
    @WithDefault("chatguard-demo")
    String password();

    /** One demo bearer token per role. */
    Tokens tokens();

    interface Tokens {
        /** Token with role advisor, principal {@code demo-advisor}. */
        @WithDefault("demo-advisor-token")
        String advisor();

        /** Token with role officer, principal {@code demo-officer}. */
        @WithDefault("demo-officer-token")
        String officer();

        /** Token with role regulator, principal {@code demo-regulator}. */
        @WithDefault("demo-regulator-token")
        String regulator();

        /** Token with role admin, principal {@code demo-admin}. */
        @WithDefault("demo-admin-token")
        String admin();
    }
}
