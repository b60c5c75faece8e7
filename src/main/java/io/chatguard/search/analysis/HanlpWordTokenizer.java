package io.chatguard.search.analysis;

import java.io.IOException;
import java.util.List;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

import io.chatguard.platform.text.CharFolding;

/**
 * HanLP words of the folded text, for relevance ranking; whitespace-only words are skipped. Folding keeps
 * length, so a word's offsets in the folded text are its offsets in the original.
 */
final class HanlpWordTokenizer extends Tokenizer {
    private final Segment segmenter;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private List<Term> words = List.of();
    private int index;
    private int start;
    private int length;

    HanlpWordTokenizer(Segment segmenter) {
        this.segmenter = segmenter;
    }

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        while (index < words.size()) {
            String word = words.get(index++).word;
            int from = start;
            start += word.length();
            if (!word.isBlank()) {
                term.setEmpty().append(word);
                offset.setOffset(correctOffset(from), correctOffset(start));
                return true;
            }
        }
        return false;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        var text = new StringBuilder();
        char[] chunk = new char[1024];
        for (int read; (read = input.read(chunk)) != -1;) {
            text.append(chunk, 0, read);
        }
        length = text.length();
        words = length == 0 ? List.of() : segmenter.seg(CharFolding.fold(text));
        index = 0;
        start = 0;
    }

    @Override
    public void end() throws IOException {
        super.end();
        int last = correctOffset(length);
        offset.setOffset(last, last);
    }
}
