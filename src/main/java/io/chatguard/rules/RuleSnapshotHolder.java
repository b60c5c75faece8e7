package io.chatguard.rules;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.chatguard.rules.engine.RuleSnapshot;

/**
 * The rules version in force. Readers call {@link #current()} once per message or batch and keep that
 * reference; a reload swaps in a fully compiled snapshot atomically, so a check never sees half a
 * version.
 */
@ApplicationScoped
public class RuleSnapshotHolder {
    private final AtomicReference<RuleSnapshot> current = new AtomicReference<>();

    /** The snapshot to use; never null once the service has started. */
    public RuleSnapshot current() {
        RuleSnapshot s = current.get();
        if (s == null) {
            throw new IllegalStateException("rules are not loaded yet");
        }
        return s;
    }

    void publish(RuleSnapshot next) {
        current.set(next);
    }
}
