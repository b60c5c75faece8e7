package io.chatguard.search.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class ChatAnalyzersTest {
    /** "term@start-end" for each token, positions checked to be consecutive. */
    private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        var out = new ArrayList<String>();
        try (TokenStream ts = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute position = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                assertThat(position.getPositionIncrement()).isOne();
                out.add(term + "@" + offset.startOffset() + "-" + offset.endOffset());
            }
            ts.end();
            assertThat(offset.endOffset()).isEqualTo(text.length());
        }
        return out;
    }

    @Test
    void bigramsAreFoldedPairsOfEveryCharWithOffsetsIntoWhatWasTyped() throws IOException {
        assertThat(tokens(ChatAnalyzers.bigrams(), "保證 ＡＢ")).containsExactly("保证@0-2", "证 @1-3", " a@2-4", "ab@3-5");
        assertThat(tokens(ChatAnalyzers.bigrams(), "保")).isEmpty();
    }

    @Test
    void unigramsAreEveryFoldedChar() throws IOException {
        assertThat(tokens(ChatAnalyzers.unigrams(), "內幕Ｘ")).containsExactly("内@0-1", "幕@1-2", "x@2-3");
    }

    @Test
    void wordsAreHanlpWordsOfTheFoldedTextWithoutBlanks() throws IOException {
        assertThat(tokens(ChatAnalyzers.words(), "保證收益 明天")).contains("收益@2-4", "明天@5-7")
                .noneMatch(t -> t.startsWith(" "));
    }

    @Test
    void aReusedStreamStartsAfresh() throws IOException {
        Analyzer bigrams = ChatAnalyzers.bigrams();
        assertThat(tokens(bigrams, "内幕消息")).hasSize(3);
        assertThat(tokens(bigrams, "保本")).containsExactly("保本@0-2");
    }
}
