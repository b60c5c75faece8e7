package io.chatguard.rules.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;

import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

import io.chatguard.platform.text.CharFolding;
import io.chatguard.rules.text.NormalizedText;

/**
 * Evaluates compiled rules against a message whose term hits are already collected. Stateless:
 * everything per message lives in the {@link MatchContext}.
 */
final class RuleMatcher {
    /** Original chars on each side of a hit that segmentation looks at. */
    private static final int WORD_WINDOW = 6;
    /**
     * Where spans cover the same chars, the one whose terms cover more of them comes first ("别外传…吸收合并",
     * not "别外传…合并"), then the one written in Chinese (交易密码 explains "jymm" better than jymm), then
     * by text: what a hit reports does not depend on the order the automaton found its terms in.
     */
    private static final Comparator<Span> BY_START_LONGEST_FIRST = Comparator.comparingInt(Span::start)
            .thenComparingInt(s -> -s.end())
            .thenComparingInt(s -> -s.covered())
            .thenComparingLong(s -> s.matched().chars().filter(c -> c < 0x80).count())
            .thenComparing(Span::matched);

    private final TermTable terms;
    private final Segment segmenter;

    RuleMatcher(TermTable terms, Segment segmenter) {
        this.terms = terms;
        this.segmenter = segmenter;
    }

    /** Surviving hit spans of {@code rule}, merged where they overlap; empty when it does not apply. */
    List<Span> evaluate(CompiledRule rule, CandidateIndex candidates, MatchContext ctx) {
        // Cheap necessary conditions first: most candidates fail here without building any span.
        List<Expr> mustAll = rule.mustAll();
        for (int i = 0; i < mustAll.size(); i++) {
            if (!mustAll.get(i).possible(ctx)) {
                return List.of();
            }
        }
        var hits = new ArrayList<Span>(4);
        // Only the alternatives a term of this message anchors (or that need no term) can match.
        for (int a = candidates.firstOf[rule.index()], end = candidates.firstOf[rule.index() + 1]; a < end; a++) {
            Expr alternative = candidates.alternatives[a];
            if ((ctx.alternativeGen[a] == ctx.generation || candidates.free[a]) && alternative.possible(ctx)) {
                spans(alternative, ctx, hits);
            }
        }
        if (wholeWordsOnly(hits, ctx).isEmpty()) {
            return hits;
        }
        List<Span> scratch = ctx.scratchSpans;
        for (int i = 0; i < mustAll.size(); i++) {
            scratch.clear();
            spans(mustAll.get(i), ctx, scratch);
            if (wholeWordsOnly(scratch, ctx).isEmpty()) {
                return List.of();
            }
        }
        List<Expr> mustNot = rule.mustNot();
        for (int i = 0; i < mustNot.size(); i++) {
            Expr not = mustNot.get(i);
            if (not.possible(ctx)) {
                scratch.clear();
                spans(not, ctx, scratch);
                if (!wholeWordsOnly(scratch, ctx).isEmpty()) {
                    return List.of();
                }
            }
        }
        List<CompiledRule.Exception> exceptions = rule.exceptions();
        for (int x = 0; x < exceptions.size(); x++) {
            CompiledRule.Exception ex = exceptions.get(x);
            if (!ex.terms().possible(ctx)) {
                continue;
            }
            for (int k = hits.size() - 1; k >= 0; k--) {
                if (contextCancels(ex.terms(), ex, hits.get(k), ctx)) {
                    hits.remove(k);
                }
            }
            if (hits.isEmpty()) {
                return hits;
            }
        }
        if (rule.allow() != null && rule.allow().possible(ctx)) {
            scratch.clear();
            spans(rule.allow(), ctx, scratch);
            List<Span> allowed = wholeWordsOnly(scratch, ctx);
            // A hit that starts or ends inside an allowed phrase is that phrase ("担保比例…130%").
            hits.removeIf(h -> allowed.stream().anyMatch(a -> (a.start() <= h.start() && h.start() < a.end())
                    || (a.start() < h.end() && h.end() <= a.end())));
        }
        return merge(hits);
    }

    /**
     * True when {@code context} matches where {@code ex} looks around {@code hit}. Term sets are read
     * straight from the message's term hits, without building spans, and segmented only when a
     * whole-word context term lies in the window.
     */
    private boolean contextCancels(Expr context, CompiledRule.Exception ex, Span hit, MatchContext ctx) {
        switch (context) {
            case Expr.Terms t -> {
                if (!t.possible(ctx)) {
                    return false;
                }
                TermHits h = ctx.hits;
                for (int e = ctx.nodeHead[t.node()]; e >= 0; e = ctx.entryNext[e]) {
                    int i = ctx.entryHit[e];
                    if (cancels(ex, hit, h.start[i], h.end[i], ctx.text)
                            && (!t.wholeWord() || isWholeWord(h.start[i], h.end[i], ctx))) {
                        return true;
                    }
                }
                return false;
            }
            case Expr.Or or -> {
                for (Expr alternative : or.array()) {
                    if (contextCancels(alternative, ex, hit, ctx)) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                if (!context.possible(ctx)) {
                    return false;
                }
                List<Span> spans = ctx.borrow();
                try {
                    spans(context, ctx, spans);
                    for (Span e : wholeWordsOnly(spans, ctx)) {
                        if (cancels(ex, hit, e.start(), e.end(), ctx.text)) {
                            return true;
                        }
                    }
                    return false;
                } finally {
                    ctx.release(spans);
                }
            }
        }
    }

    /** Whether context at {@code [eStart, eEnd)} lies where {@code ex} looks around {@code hit}. */
    private static boolean cancels(CompiledRule.Exception ex, Span hit, int eStart, int eEnd, NormalizedText t) {
        int d = ex.distance();
        return switch (ex.side()) {
            case BEFORE -> eEnd <= hit.start() && hit.start() - eEnd <= d
                    && (!ex.sameClause() || t.clause(eEnd - 1) == t.clause(hit.start()));
            case AFTER -> eStart >= hit.end() && eStart - hit.end() <= d
                    && (!ex.sameClause() || t.clause(eStart) == t.clause(hit.end() - 1));
            // Only between the parts of a NEAR pair: a single term may contain a negator of its own
            // ("公司那边不用知道").
            case INSIDE -> hit.first() != null && eStart > hit.start() && eEnd < hit.end()
                    && (!ex.sameClause() || t.clause(eStart) == t.clause(hit.start()));
            case AROUND -> eEnd > hit.start() - d && eStart < hit.end() + d
                    && (!ex.sameClause() || (t.clause(eEnd - 1) >= t.clause(hit.start())
                            && t.clause(eStart) <= t.clause(hit.end() - 1)));
        };
    }

    /** Appends the spans where {@code expr} matches to {@code out}; alternatives that cannot match are skipped. */
    void spans(Expr expr, MatchContext ctx, List<Span> out) {
        switch (expr) {
            case Expr.Terms t -> termSpans(t, ctx, out);
            case Expr.Or or -> {
                for (Expr e : or.array()) {
                    if (e.possible(ctx)) {
                        spans(e, ctx, out);
                    }
                }
            }
            case Expr.Near near -> nearSpans(near, ctx, out);
            case Expr.Number n -> numberSpans(n.validator(), ctx.text, out);
            case Expr.Regex r -> regexSpans(r, ctx.text, out);
        }
    }

    private void termSpans(Expr.Terms t, MatchContext ctx, List<Span> out) {
        if (!t.possible(ctx)) {
            return;
        }
        TermHits h = ctx.hits;
        for (int e = ctx.nodeHead[t.node()]; e >= 0; e = ctx.entryNext[e]) {
            int i = ctx.entryHit[e];
            String display = terms.term(h.term[i]).display();
            out.add(t.wholeWord() ? Span.word(h.start[i], h.end[i], display) : Span.of(h.start[i], h.end[i], display));
        }
    }

    private void nearSpans(Expr.Near near, MatchContext ctx, List<Span> out) {
        if (!near.left().possible(ctx) || !near.right().possible(ctx)) {
            return;
        }
        List<Span> left = ctx.borrow();
        List<Span> right = ctx.borrow();
        try {
            spans(near.left(), ctx, left);
            if (left.isEmpty()) {
                return;
            }
            spans(near.right(), ctx, right);
            for (int i = 0; i < left.size(); i++) {
                Span l = left.get(i);
                for (int j = 0; j < right.size(); j++) {
                    Span r = right.get(j);
                    boolean ok;
                    if (near.ordered()) {
                        ok = l.end() <= r.start() && r.start() - l.end() <= near.distance();
                    } else {
                        int gap = Math.max(l.start() - r.end(), r.start() - l.end());
                        ok = gap <= near.distance() && !(l.start() == r.start() && l.end() == r.end());
                    }
                    if (ok) {
                        out.add(l.start() <= r.start() ? Span.pair(l, r) : Span.pair(r, l));
                    }
                }
            }
        } finally {
            ctx.release(left);
            ctx.release(right);
        }
    }

    private static void numberSpans(NumberValidator v, NormalizedText t, List<Span> out) {
        if (t.digitRuns() == 0 || (v != NumberValidator.PRICE && t.longestDigitRun() < NumberValidator.MIN_DIGITS)) {
            return;
        }
        char[] script = t.scriptChars();
        for (int r = 0; r < t.digitRuns(); r++) {
            int end = v.match(script, t.digitRunStart(r), t.digitRunEnd(r), t.scriptLength());
            if (end > 0) {
                out.add(Span.of(t.digitRunStart(r), end, v == NumberValidator.PRICE ? t.script(t.digitRunStart(r), end) : v.label()));
            }
        }
    }

    private static void regexSpans(Expr.Regex r, NormalizedText t, List<Span> out) {
        Matcher m = r.pattern().matcher(t.script());
        while (m.find()) {
            if (m.end() > m.start()) {
                out.add(Span.of(m.start(), m.end(), m.group()));
            }
        }
    }

    /** Drops spans whose whole-word parts are not whole words; segments only when such a part is there. */
    private List<Span> wholeWordsOnly(List<Span> spans, MatchContext ctx) {
        if (!spans.isEmpty()) {
            spans.removeIf(s -> !wordsHold(s, ctx));
        }
        return spans;
    }

    private boolean wordsHold(Span s, MatchContext ctx) {
        if (s.first() != null) {
            return wordsHold(s.first(), ctx) && wordsHold(s.second(), ctx);
        }
        return !s.wholeWord() || isWholeWord(s.start(), s.end(), ctx);
    }

    /**
     * True when HanLP segments the original text so that a word starts at the hit and one ends with
     * it ("保证" in 保证收益, not in 保证金). Segments a window around the hit only: a whole-message
     * segmentation costs ~15 µs, too much for the pre-send path.
     */
    private boolean isWholeWord(int start, int end, MatchContext ctx) {
        NormalizedText t = ctx.text;
        String original = t.original();
        int from = t.originalStart(start);
        int to = t.originalEnd(end - 1);
        if (ctx.wordBoundaries == null || from < ctx.wordWindowStart || to > ctx.wordWindowEnd) {
            int ws = Math.max(0, from - WORD_WINDOW);
            int we = Math.min(original.length(), to + WORD_WINDOW);
            List<Term> words = segmenter.seg(CharFolding.fold(original.substring(ws, we)));
            int[] bounds = new int[words.size() + 1];
            int offset = ws;
            bounds[0] = ws;
            for (int i = 0; i < words.size(); i++) {
                offset += words.get(i).word.length();
                bounds[i + 1] = offset;
            }
            ctx.wordBoundaries = bounds;
            ctx.wordWindowStart = ws;
            ctx.wordWindowEnd = we;
        }
        return contains(ctx.wordBoundaries, from) && contains(ctx.wordBoundaries, to);
    }

    private static boolean contains(int[] sorted, int value) {
        return java.util.Arrays.binarySearch(sorted, value) >= 0;
    }

    /** Sorts by position and merges overlapping spans, keeping the first span's terms. */
    private static List<Span> merge(List<Span> spans) {
        if (spans.size() < 2) {
            return spans;
        }
        spans.sort(BY_START_LONGEST_FIRST);
        var out = new ArrayList<Span>(spans.size());
        Span current = spans.get(0);
        for (int i = 1; i < spans.size(); i++) {
            Span s = spans.get(i);
            if (s.start() < current.end()) {
                if (s.end() > current.end()) {
                    current = current.widen(current.start(), s.end());
                }
            } else {
                out.add(current);
                current = s;
            }
        }
        out.add(current);
        return out;
    }
}
