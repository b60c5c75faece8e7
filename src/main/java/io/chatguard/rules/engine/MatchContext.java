package io.chatguard.rules.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.chatguard.rules.text.NormalizedText;

/**
 * Per-thread scratch for checking one message at a time: the normalised text, term hits and the
 * candidate-rule marks. Reused across messages and snapshots; never shared between threads.
 */
public final class MatchContext {
    final NormalizedText text = new NormalizedText();
    final TermHits hits = new TermHits();
    /** Term-set nodes with a term in the current message: those whose entry equals {@link #generation}. */
    int[] nodeGen = new int[256];
    int generation;
    /**
     * The hits of each present node as a linked list in hit order: {@code nodeHead[node]} is its first
     * entry, {@code entryHit[e]} the hit's index in {@link #hits}, {@code entryNext[e]} the next entry or
     * -1. Evaluation walks these small arrays instead of testing every hit against every term set.
     */
    int[] nodeHead = new int[256];
    int[] entryHit = new int[128];
    int[] entryNext = new int[128];
    /** Rule alternatives a term of the current message anchors: those whose entry equals {@link #generation}. */
    int[] alternativeGen = new int[256];
    boolean[] candidate = new boolean[64];
    int[] marked = new int[64];
    int markedCount;
    /** Word-boundary cache for the current message: offsets HanLP segmented, or null. */
    int[] wordBoundaries;
    int wordWindowStart;
    int wordWindowEnd;
    /** Span lists lent to NEAR operands while one expression is evaluated (nested NEARs borrow several). */
    private final ArrayDeque<List<Span>> spanLists = new ArrayDeque<>();

    /** An empty span list; give it back with {@link #release}. */
    List<Span> borrow() {
        List<Span> list = spanLists.poll();
        return list != null ? list : new ArrayList<>(16);
    }

    void release(List<Span> list) {
        list.clear();
        spanLists.push(list);
    }

    /** Spans of a mustAll, mustNot, exception or allow expression while one rule is evaluated. */
    final List<Span> scratchSpans = new ArrayList<>(8);

    void reset(int rules, int nodes, int alternatives) {
        if (nodeGen.length < nodes) {
            nodeGen = new int[nodes];
            nodeHead = new int[nodes];
        }
        if (alternativeGen.length < alternatives) {
            alternativeGen = new int[alternatives];
        }
        generation++;
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

}
