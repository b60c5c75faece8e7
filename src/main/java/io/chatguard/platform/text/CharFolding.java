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
    /** HanLP's table plus the enclosed digit forms it leaves alone; never written after class init. */
    private static final char[] TABLE = table();

    private CharFolding() {
    }

    /** The folded form of {@code c}. */
    public static char fold(char c) {
        return TABLE[c];
    }

    /** A folded copy of {@code text}, of the same length. */
    public static String fold(CharSequence text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = TABLE[text.charAt(i)];
        }
        return new String(out);
    }

    private static char[] table() {
        char[] t = CharTable.CONVERT.clone();
        // HanLP folds ①-⑳ only: the other enclosed and parenthesised digits ("⓪", "⑴", "⒈", "❶", "➀",
        // "➊", "⓵", "㈠", "㊀") would otherwise be dropped as symbols, and a phone number or "⑴倍"
        // typed with them would vanish from matching and search.
        String numerals = "一二三四五六七八九十";
        for (int i = 0; i < 10; i++) {
            char n = numerals.charAt(i);
            t['\u2474' + i] = n; // ⑴..⑽
            t['\u2488' + i] = n; // ⒈..⒑
            t['\u2776' + i] = n; // ❶..❿
            t['\u2780' + i] = n; // ➀..➉
            t['\u278A' + i] = n; // ➊..➓
            t['\u24F5' + i] = n; // ⓵..⓾
            t['\u3220' + i] = n; // ㈠..㈩
            t['\u3280' + i] = n; // ㊀..㊉
        }
        t['\u24EA'] = '零'; // ⓪
        t['\u24FF'] = '零'; // ⓿
        return t;
    }
}
