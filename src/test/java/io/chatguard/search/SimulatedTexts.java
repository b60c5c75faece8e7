package io.chatguard.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.hankcs.hanlp.HanLP;

import io.chatguard.rules.eval.CorpusEvaluation;
import io.chatguard.rules.eval.LabelledMessage;

/** Message texts for search tests and benchmarks, made from the dev corpus the way clients type them. */
final class SimulatedTexts {
    private SimulatedTexts() {
    }

    /** The dev corpus's texts. */
    static List<String> corpus() {
        return CorpusEvaluation.read(Path.of("..", "shared", "corpus", "dev.jsonl")).stream().map(LabelledMessage::text).toList();
    }

    /**
     * {@code n} texts: a quarter corpus texts as they are, a quarter a corpus text's tail joined to another
     * text, a quarter in traditional characters, a quarter in full width.
     */
    static List<String> recombined(List<String> corpus, int n, Random random) {
        var out = new ArrayList<String>(n);
        for (int i = 0; i < n; i++) {
            String a = corpus.get(random.nextInt(corpus.size()));
            out.add(switch (random.nextInt(4)) {
                case 0 -> a;
                case 1 -> a.substring(random.nextInt(a.length())) + corpus.get(random.nextInt(corpus.size()));
                case 2 -> HanLP.convertToTraditionalChinese(a);
                default -> fullWidth(a);
            });
        }
        return out;
    }

    static String fullWidth(String s) {
        var b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c > 0x20 && c < 0x7f ? (char) (c + 0xfee0) : c);
        }
        return b.toString();
    }
}
