package io.chatguard.search.analysis;

import java.io.IOException;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import io.chatguard.platform.text.CharFolding;

/**
 * Every run of {@code n} consecutive UTF-16 units of the folded text (width, case, 繁→简: see
 * {@link CharFolding}), one position apart, with offsets into the original. Nothing is dropped: spaces,
 * punctuation and emoji halves are units too, so a phrase of grams matches exactly where the folded text
 * contains the folded query — what a substring scan would find. A text shorter than {@code n} has no grams.
 */
public final class CharGramTokenizer extends Tokenizer {
    private final int n;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private final StringBuilder text = new StringBuilder();
    private int next;

    public CharGramTokenizer(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        this.n = n;
    }

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        if (next + n > text.length()) {
            return false;
        }
        char[] buffer = term.resizeBuffer(n);
        for (int i = 0; i < n; i++) {
            buffer[i] = CharFolding.fold(text.charAt(next + i));
        }
        term.setLength(n);
        position.setPositionIncrement(1);
        offset.setOffset(correctOffset(next), correctOffset(next + n));
        next++;
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        text.setLength(0);
        char[] chunk = new char[1024];
        for (int read; (read = input.read(chunk)) != -1;) {
            text.append(chunk, 0, read);
        }
        next = 0;
    }

    @Override
    public void end() throws IOException {
        super.end();
        int last = correctOffset(text.length());
        offset.setOffset(last, last);
    }
}
