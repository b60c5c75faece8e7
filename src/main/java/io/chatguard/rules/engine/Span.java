package io.chatguard.rules.engine;

/**
 * Where an expression matched, in normalised script positions. The canonical terms it stands for
 * ("本金…不会亏") are joined only when a hit is reported, not for every candidate pair, and whole-word
 * conditions are checked only on spans that survive (segmentation is the costly step).
 *
 * @param start first script char
 * @param end end (exclusive)
 * @param term the term's canonical text, for a single-term span; null for a pair
 * @param wholeWord the single term must be a whole word by segmentation
 * @param first the earlier part of a NEAR/BEFORE pair; null for a single term
 * @param second the later part of a pair
 */
record Span(int start, int end, String term, boolean wholeWord, Span first, Span second) {

    static Span of(int start, int end, String term) {
        return new Span(start, end, term, false, null, null);
    }

    static Span word(int start, int end, String term) {
        return new Span(start, end, term, true, null, null);
    }

    static Span pair(Span first, Span second) {
        return new Span(Math.min(first.start, second.start), Math.max(first.end, second.end), null, false, first,
                second);
    }

    /** A copy covering {@code [start, end)} that keeps this span's terms. */
    Span widen(int start, int end) {
        return new Span(start, end, term, wholeWord, first, second);
    }

    /** Script chars its terms cover: a pair's gap does not count. */
    int covered() {
        return first == null ? end - start : first.covered() + second.covered();
    }

    /** The canonical terms that matched, joined with "…" in text order. */
    String matched() {
        return term != null ? term : first.matched() + "…" + second.matched();
    }
}
