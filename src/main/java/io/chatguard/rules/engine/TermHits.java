package io.chatguard.rules.engine;

import java.util.Arrays;

/** Term occurrences found in one message, as script positions. Per-thread scratch, reused. */
final class TermHits {
    int[] term = new int[32];
    int[] start = new int[32];
    int[] end = new int[32];
    int size;

    void clear() {
        size = 0;
    }

    void add(int termId, int from, int to) {
        for (int i = size - 1; i >= 0 && i >= size - 8; i--) {
            if (term[i] == termId && start[i] == from && end[i] == to) {
                return;
            }
        }
        if (size == term.length) {
            term = Arrays.copyOf(term, size * 2);
            start = Arrays.copyOf(start, size * 2);
            end = Arrays.copyOf(end, size * 2);
        }
        term[size] = termId;
        start[size] = from;
        end[size] = to;
        size++;
    }
}
