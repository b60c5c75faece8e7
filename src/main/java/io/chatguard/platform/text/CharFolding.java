package io.chatguard.platform.text;

import com.hankcs.hanlp.dictionary.other.CharTable;

/**
 * Length-preserving character folding shared by the rule engine and search: full width to half
 * width, upper to lower case, traditional to simplified, circled digits to Chinese numerals
 * ("ｂａｏ本 ＡＢＣ" → "bao本 abc", "保證" → "保证", "①" → "一").
 *
 * <p>One char in, one char out, so offsets into folded text are offsets into the original. Thread-safe:
 * it only reads HanLP's conversion table, which is loaded once by HanLP and never written afterwards.
 */
public final class CharFolding {
    private CharFolding() {
    }

    /** The folded form of {@code c}. */
    public static char fold(char c) {
        return CharTable.CONVERT[c];
    }

    /** A folded copy of {@code text}, of the same length. */
    public static String fold(CharSequence text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = CharTable.CONVERT[text.charAt(i)];
        }
        return new String(out);
    }
}
