package io.chatguard.rules.engine;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed rule expression. Each kind yields the spans (in normalised script positions) where it
 * matches a message; see {@link RuleMatcher}.
 */
sealed interface Expr {

    /**
     * A necessary condition for a match, from the term sets present in the message: a NEAR needs
     * both sides, an OR any alternative. Allocation-free; the hot path's first filter.
     */
    boolean possible(MatchContext ctx);

    /**
     * Any of a set of lexicon terms.
     *
     * @param node number of this term set in its snapshot, indexing the per-message presence marks
     * @param termIds ids in the snapshot's {@link TermTable}
     * @param wholeWord keep only matches that HanLP segments as whole words ({@code <保证>})
     * @param label how the source wrote it, for error messages
     */
    record Terms(int node, int[] termIds, boolean wholeWord, String label) implements Expr {
        @Override
        public boolean possible(MatchContext ctx) {
            return ctx.nodeGen[node] == ctx.generation;
        }
    }

    /** A digit run that passes a validator ({@code $idcard}, {@code $bankcard}, {@code $mobile}). */
    record Number(NumberValidator validator) implements Expr {
        @Override
        public boolean possible(MatchContext ctx) {
            return ctx.text.digitRuns() > 0;
        }
    }

    /** A regular expression over the normalised script text ({@code /…/}). */
    record Regex(Pattern pattern) implements Expr {
        @Override
        public boolean possible(MatchContext ctx) {
            return true;
        }
    }

    record Or(List<Expr> alternatives, Expr[] array) implements Expr {
        Or(List<Expr> alternatives) {
            this(List.copyOf(alternatives), alternatives.toArray(Expr[]::new));
        }

        @Override
        public boolean possible(MatchContext ctx) {
            for (Expr e : array) {
                if (e.possible(ctx)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Two matches at most {@code distance} normalised chars apart; {@code ordered} requires the left one
     * first ({@code BEFORE/n}), otherwise either order ({@code NEAR/n}).
     */
    record Near(Expr left, Expr right, int distance, boolean ordered) implements Expr {
        @Override
        public boolean possible(MatchContext ctx) {
            return left.possible(ctx) && right.possible(ctx);
        }
    }
}
