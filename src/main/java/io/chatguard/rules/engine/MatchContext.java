package io.chatguard.rules.engine;

import java.util.Arrays;

import io.chatguard.rules.text.NormalizedText;

/**
 * Per-thread scratch for checking one message at a time: the normalised text, term hits and the
 * candidate-rule marks. Reused across messages and snapshots; never shared between threads.
 */
public final class MatchContext {
    final NormalizedText text = new NormalizedText();
    final TermHits hits = new TermHits();
    boolean[] candidate = new boolean[64];
    int[] marked = new int[64];
    int markedCount;
    /** Word-boundary cache for the current message: offsets HanLP segmented, or null. */
    int[] wordBoundaries;
    int wordWindowStart;
    int wordWindowEnd;

    void reset(int rules) {
        if (candidate.length < rules) {
            candidate = new boolean[rules];
            marked = new int[rules];
        }
        for (int i = 0; i < markedCount; i++) {
            candidate[marked[i]] = false;
        }
        markedCount = 0;
        hits.clear();
        wordBoundaries = null;
    }

    void mark(int rule) {
        if (!candidate[rule]) {
            candidate[rule] = true;
            marked[markedCount++] = rule;
        }
    }

    /** Marked rules in index order, so hits come out in a stable order. */
    int[] markedInOrder() {
        int[] out = Arrays.copyOf(marked, markedCount);
        Arrays.sort(out);
        return out;
    }
}
