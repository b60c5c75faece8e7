package io.chatguard.precheck.wecom;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.rules.RuleSnapshotHolder;
import io.chatguard.rules.engine.RuleSnapshot;

/** WeCom's native interception as a first tier: export the payloads, and push them when enabled. */
@ApplicationScoped
public class WecomInterceptService {
    private final RuleSnapshotHolder rules;
    private final WecomInterceptConfig config;
    private final WecomInterceptClient client;

    WecomInterceptService(RuleSnapshotHolder rules, WecomInterceptConfig config, ObjectMapper json) {
        this.rules = rules;
        this.config = config;
        this.client = new WecomInterceptClient(config.apiBase(), Duration.ofSeconds(config.timeoutSeconds()), json);
    }

    /** The payloads for the rules in force. */
    public InterceptExport export() {
        RuleSnapshot s = rules.current();
        var range = new InterceptRulePayload.Range(config.userIds().orElse(List.of()), config.departmentIds());
        return InterceptPayloads.build(s.version(), s.interceptTerms(), range, config.interceptType());
    }

    /** Creates the rules in WeCom; refused (409) unless sync is enabled and configured. */
    public SyncResult sync() {
        if (!config.syncEnabled()) {
            throw new ChatGuardException(ProblemType.CONFLICT, "WeCom sync is disabled: set "
                    + "chatguard.wecom.intercept.sync-enabled=true with corp-id and secret");
        }
        String corpId = config.corpId().filter(v -> !v.isBlank()).orElseThrow(
                () -> new ChatGuardException(ProblemType.CONFLICT, "chatguard.wecom.intercept.corp-id is not set"));
        String secret = config.secret().filter(v -> !v.isBlank()).orElseThrow(
                () -> new ChatGuardException(ProblemType.CONFLICT, "chatguard.wecom.intercept.secret is not set"));
        InterceptExport export = export();
        return new SyncResult(export.rulesVersion(), client.addRules(corpId, secret, export.rules()));
    }

    /**
     * What a sync created.
     *
     * @param rulesVersion the ChatGuard version pushed
     * @param ruleIds WeCom's ids of the created rules
     */
    public record SyncResult(String rulesVersion, List<String> ruleIds) {
        public SyncResult {
            ruleIds = List.copyOf(ruleIds);
        }
    }
}
