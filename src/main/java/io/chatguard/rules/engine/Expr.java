package io.chatguard.rules.engine;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed rule expression. Each kind yields the spans (in normalised script positions) where it
 * matches a message; see {@link RuleMatcher}.
 */
sealed interface Expr {

    /**
     * Any of a set of lexicon terms.
     *
     * @param termIds ids in the snapshot's {@link TermTable}
     * @param wholeWord keep only matches that HanLP segments as whole words ({@code <保证>})
     * @param label how the source wrote it, for error messages
     */
    record Terms(int[] termIds, long[] mask, boolean wholeWord, String label) implements Expr {
        Terms(int[] termIds, boolean wholeWord, String label) {
            this(termIds, maskOf(termIds), wholeWord, label);
        }

        boolean contains(int termId) {
            int word = termId >>> 6;
            return word < mask.length && (mask[word] & (1L << termId)) != 0;
        }

        private static long[] maskOf(int[] ids) {
            long[] mask = new long[(java.util.Arrays.stream(ids).max().orElse(0) >>> 6) + 1];
            for (int id : ids) {
                mask[id >>> 6] |= 1L << id;
            }
            return mask;
        }
    }

    /** A digit run that passes a validator ({@code $idcard}, {@code $bankcard}, {@code $mobile}). */
    record Number(NumberValidator validator) implements Expr {
    }

    /** A regular expression over the normalised script text ({@code /…/}). */
    record Regex(Pattern pattern) implements Expr {
    }

    record Or(List<Expr> alternatives) implements Expr {
        public Or {
            alternatives = List.copyOf(alternatives);
        }
    }

    /**
     * Two matches at most {@code distance} normalised chars apart; {@code ordered} requires the left one
     * first ({@code BEFORE/n}), otherwise either order ({@code NEAR/n}).
     */
    record Near(Expr left, Expr right, int distance, boolean ordered) implements Expr {
    }
}
