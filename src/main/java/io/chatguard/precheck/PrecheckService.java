package io.chatguard.precheck;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;
import io.chatguard.rules.Decision;
import io.chatguard.rules.RuleEngine;
import io.chatguard.rules.RuleVerdict;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Pre-send checks and their persisted decisions. PASS answers touch no database; every BLOCK and WARN
 * is stored before the answer leaves, because an attempted violation is compliance evidence too.
 *
 * <p>A check is a few microseconds of CPU, so it runs on the HTTP event loop; a BLOCK or WARN answer
 * then waits for the group commit without holding a thread (a worker thread per request cost more
 * CPU than the check itself, mostly handing the request body over; see docs/BENCHMARKS.md).
 */
@ApplicationScoped
public class PrecheckService {
    private final PrecheckDecisionRepository decisions;
    private final DecisionLog log;
    private final RuleEngine engine;
    private final PrecheckConfig config;
    private final Clock clock;
    private final ObjectMapper json;

    PrecheckService(PrecheckDecisionRepository decisions, DecisionLog log, RuleEngine engine, PrecheckConfig config,
            Clock clock, ObjectMapper json) {
        this.decisions = decisions;
        this.log = log;
        this.engine = engine;
        this.config = config;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Checks a message for {@code principal} (the authenticated caller) and records BLOCK/WARN; the
     * answer is emitted once the decision is committed (503 when it could not be). Invalid input throws.
     */
    public Uni<PrecheckResponse> check(PrecheckRequest request, String principal) {
        String text = request == null ? null : request.text();
        if (text == null || text.isBlank()) {
            throw new ChatGuardException(ProblemType.VALIDATION_FAILED, "text: is required and must not be empty");
        }
        if (text.length() > config.maxTextLength()) {
            throw new ChatGuardException(ProblemType.TEXT_TOO_LONG,
                    "text: " + text.length() + " chars exceeds the limit of " + config.maxTextLength());
        }
        long started = System.nanoTime();
        RuleVerdict verdict = engine.check(text);
        long tookMicros = (System.nanoTime() - started) / 1_000;
        var response = new PrecheckResponse(verdict.decision(), verdict.hits(), verdict.rulesVersion(), tookMicros);
        if (verdict.decision() == Decision.PASS) {
            return Uni.createFrom().item(response);
        }
        Uni<PrecheckResponse> answer = Uni.createFrom().completionStage(log.submit(decision(request, principal, verdict)))
                .replaceWith(response);
        // The commit completes on the decision writer's thread: answer on the request's own context.
        Context context = Vertx.currentContext();
        return context == null ? answer : answer.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private PrecheckDecision decision(PrecheckRequest request, String principal, RuleVerdict verdict) {
        var d = new PrecheckDecision();
        d.decidedAt = clock.instant();
        d.principal = principal;
        d.sender = request.sender();
        d.receivers = request.receivers();
        d.roomid = request.roomId();
        d.decision = verdict.decision().name();
        d.text = request.text();
        d.rulesVersion = verdict.rulesVersion();
        d.stage = request.stage();
        try {
            d.hits = json.writeValueAsString(verdict.hits());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hits not serialisable", e);
        }
        return d;
    }

    /** The caller's own most recent BLOCK and WARN decisions, newest first; {@code stage} null for all. */
    @Transactional(TxType.SUPPORTS)
    public List<PrecheckDecisionView> recentDecisions(String principal, String stage, int limit) {
        return decisions.findRecentByPrincipal(principal, stage, limit).stream().map(PrecheckDecisionView::of).toList();
    }
}
