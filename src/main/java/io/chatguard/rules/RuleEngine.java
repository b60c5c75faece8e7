package io.chatguard.rules;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatguard.rules.engine.MatchContext;
import io.chatguard.rules.engine.RuleSnapshot;

/**
 * Checks text against the rules in force: the entry point for pre-send checks and scans. Pure
 * computation, no I/O; thread-safe.
 */
@ApplicationScoped
public class RuleEngine {
    private final RuleSnapshotHolder holder;
    // Scratch per worker thread, so a check allocates little beyond its result.
    private final ThreadLocal<MatchContext> scratch = ThreadLocal.withInitial(MatchContext::new);

    RuleEngine(RuleSnapshotHolder holder) {
        this.holder = holder;
    }

    /** Checks {@code text} with the current rules version. */
    public RuleVerdict check(String text) {
        return check(holder.current(), text);
    }

    /** Checks {@code text} with a given snapshot, for batches that keep one version throughout. */
    public RuleVerdict check(RuleSnapshot snapshot, String text) {
        return snapshot.check(text, scratch.get());
    }

    /** The rules in force, for a batch that checks many texts with one version. */
    public RuleSnapshot snapshot() {
        return holder.current();
    }

    /** The version in force. */
    public String rulesVersion() {
        return holder.current().version();
    }
}
