package io.chatguard.search.analysis;

import org.apache.lucene.analysis.Analyzer;

import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.Viterbi.ViterbiSegment;

/**
 * The analyzers of the message text fields: {@link #unigrams()} and {@link #bigrams()} for exact substring
 * search, {@link #words()} (HanLP) for ranking. All fold the text the same way as the rule engine.
 */
public final class ChatAnalyzers {
    private ChatAnalyzers() {
    }

    /** Single folded chars: the field that answers one-char queries. */
    public static Analyzer unigrams() {
        return grams(1);
    }

    /** Overlapping pairs of folded chars: a phrase of them is a substring match for queries of two or more chars. */
    public static Analyzer bigrams() {
        return grams(2);
    }

    /** HanLP words of the folded text. */
    public static Analyzer words() {
        // Core dictionary only: custom dictionaries are global mutable state in HanLP.
        Segment segmenter = new ViterbiSegment().enableCustomDictionary(false).enableAllNamedEntityRecognize(false)
                .enablePartOfSpeechTagging(false).enableNumberQuantifierRecognize(false);
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                return new TokenStreamComponents(new HanlpWordTokenizer(segmenter));
            }
        };
    }

    private static Analyzer grams(int n) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                return new TokenStreamComponents(new CharGramTokenizer(n));
            }
        };
    }
}
