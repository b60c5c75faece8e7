package io.chatguard.precheck;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** Pre-send checks and their persisted decisions. */
@ApplicationScoped
@Transactional
public class PrecheckService {
    private final PrecheckDecisionRepository decisions;

    PrecheckService(PrecheckDecisionRepository decisions) {
        this.decisions = decisions;
    }

    /** The caller's own most recent BLOCK and WARN decisions, newest first. */
    @Transactional(TxType.SUPPORTS)
    public List<PrecheckDecisionView> recentDecisions(String principal, int limit) {
        return decisions.findRecentByPrincipal(principal, limit).stream().map(PrecheckDecisionView::of).toList();
    }
}
