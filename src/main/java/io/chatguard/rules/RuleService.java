package io.chatguard.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.chatguard.platform.storage.Sha256;
import io.chatguard.rules.engine.RuleCompiler;
import io.chatguard.rules.engine.RuleDefinitionException;
import io.chatguard.rules.engine.RuleInfo;
import io.chatguard.rules.engine.RuleSnapshot;
import io.chatguard.rules.engine.RuleSources;
import io.chatguard.rules.text.Normalizer;
import io.chatguard.rules.text.PinyinTable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads rule files, compiles them off to the side and publishes a version only when it compiled,
 * recording every published version in PostgreSQL. A broken file is rejected with its precise error
 * and the previous version stays in force.
 */
@ApplicationScoped
public class RuleService {
    private static final Logger LOG = Logger.getLogger(RuleService.class);

    private final RulesConfig config;
    private final RuleSnapshotHolder holder;
    private final RuleSetVersionRepository versions;
    private final Clock clock;
    private final RuleCompiler compiler;

    private volatile String fingerprint = "";
    private volatile Instant loadedAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    RuleService(RulesConfig config, RuleSnapshotHolder holder, RuleSetVersionRepository versions, Clock clock) {
        this.config = config;
        this.holder = holder;
        this.versions = versions;
        this.clock = clock;
        this.compiler = new RuleCompiler(new Normalizer(new PinyinTable()));
    }

    /** Compiles the rules at start-up; broken rules stop the service rather than letting everything pass. */
    void onStart(@Observes StartupEvent start) {
        Path dir = config.dir().toAbsolutePath().normalize();
        try {
            load("startup");
        } catch (RuleDefinitionException e) {
            throw new IllegalStateException("rules in " + dir + " rejected: " + e.getMessage(), e);
        }
        RuleSnapshot s = holder.current();
        LOG.infof("rules %s in force: %d rules, %d terms from %s", s.version(), s.ruleCount(), s.termCount(), dir);
    }

    /**
     * Reads and compiles the rules directory and publishes it; throws {@link RuleDefinitionException}
     * (and keeps the current version) when it does not compile.
     */
    public synchronized RuleSetStatus reload(String by) {
        load(by);
        return status();
    }

    /** Reloads when a file in the rules directory changed since the last load; failures are recorded, not thrown. */
    synchronized void reloadIfChanged() {
        String now = fingerprint(config.dir());
        if (now.equals(fingerprint)) {
            return;
        }
        try {
            load("file-watch");
        } catch (RuleDefinitionException e) {
            // Remember the broken state so the same broken files are not recompiled every tick.
            fingerprint = now;
        }
    }

    private void load(String by) {
        String before = fingerprint(config.dir());
        RuleSnapshot next;
        try {
            RuleSources sources = RuleSources.read(config.dir());
            next = compiler.compile(sources);
        } catch (RuleDefinitionException e) {
            lastError = e.getMessage();
            lastErrorAt = clock.instant();
            LOG.errorf("rules rejected, version %s stays in force: %s", currentVersion(), e.getMessage());
            throw e;
        }
        RuleSnapshot previous = currentOrNull();
        holder.publish(next);
        fingerprint = before;
        lastError = null;
        lastErrorAt = null;
        if (previous == null || !previous.version().equals(next.version())) {
            loadedAt = clock.instant();
            record(next, by);
            if (previous != null) {
                LOG.infof("rules %s replaced %s (%d rules, by %s)", next.version(), previous.version(), next.ruleCount(), by);
            }
        }
    }

    private void record(RuleSnapshot s, String by) {
        QuarkusTransaction.requiringNew().run(() -> {
            versions.deactivateAll();
            RuleSetVersion row = versions.findByVersion(s.version()).orElseGet(() -> {
                var v = new RuleSetVersion();
                v.version = s.version();
                v.contentSha256 = Sha256.hex(String.join("\n", s.fileHashes().values()));
                v.files = s.fileHashes().entrySet().stream().map(e -> Map.of("name", e.getKey(), "sha256", e.getValue()))
                        .toList();
                v.ruleCount = s.ruleCount();
                return v;
            });
            row.loadedAt = loadedAt;
            row.loadedBy = by;
            row.active = true;
            versions.persist(row);
        });
    }

    /** What is in force and how the last reload went. */
    public RuleSetStatus status() {
        RuleSnapshot s = holder.current();
        return new RuleSetStatus(s.version(), s.ruleCount(), s.termCount(), s.fileHashes(), loadedAt, lastError,
                lastErrorAt);
    }

    /** The rules in force, in file order. */
    public List<RuleInfo> rules() {
        return holder.current().rules();
    }

    private String currentVersion() {
        RuleSnapshot s = currentOrNull();
        return s == null ? "(none)" : s.version();
    }

    private RuleSnapshot currentOrNull() {
        try {
            return holder.current();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /** Names, sizes and modification times of the rule files: cheap to compute every few seconds. */
    private static String fingerprint(Path dir) {
        var parts = new ArrayList<String>();
        for (Path d : List.of(dir, dir.resolve("lexicons"))) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                for (Path p : files.sorted().toList()) {
                    if (Files.isRegularFile(p)) {
                        parts.add(p.getFileName() + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis());
                    }
                }
            } catch (IOException e) {
                parts.add("unreadable:" + d);
            }
        }
        return String.join("|", parts);
    }
}
