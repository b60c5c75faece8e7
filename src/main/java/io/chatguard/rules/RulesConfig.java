package io.chatguard.rules;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the rule files live and how often they are checked for changes. */
@ConfigMapping(prefix = "chatguard.rules")
public interface RulesConfig {

    /**
     * Directory holding the rule files ({@code *.yaml}) and {@code lexicons/}; a relative path resolves
     * against the working directory. The service refuses to start when it does not compile.
     */
    @WithDefault("rules")
    Path dir();

    Reload reload();

    interface Reload {
        /** How often the directory is checked for changed files, e.g. {@code 5s}; {@code off} disables hot reload. */
        @WithDefault("5s")
        String every();
    }
}
