package io.chatguard.rules.text;

import io.chatguard.platform.text.CharFolding;

/**
 * Turns a message (or a lexicon term) into its script and sound forms; see {@link NormalizedText}.
 *
 * <p>Terms and messages go through the same code, so whatever the canonical form of a char is,
 * both sides agree on it. Thread-safe and allocation-free per call apart from growing the caller's
 * scratch {@link NormalizedText}.
 */
public final class Normalizer {
    private final PinyinTable pinyin;

    public Normalizer(PinyinTable pinyin) {
        this.pinyin = pinyin;
    }

    public PinyinTable pinyin() {
        return pinyin;
    }

    /** Normalises {@code text} into {@code into}, overwriting what it held, and returns it. */
    public NormalizedText normalize(String text, NormalizedText into) {
        NormalizedText t = into;
        t.reset(text);
        buildScript(text, t);
        markBoundariesAndDigitRuns(t);
        buildSound(t);
        return t;
    }

    /** The script form of a lexicon term, e.g. "保 證" → "保证". */
    public String scriptOf(String term) {
        return normalize(term, new NormalizedText()).script();
    }

    private void buildScript(String s, NormalizedText t) {
        int clause = 0;
        boolean gap = false;
        int n = s.length();
        for (int i = 0; i < n;) {
            int cp = s.codePointAt(i);
            int w = Character.charCount(cp);
            if (w == 2) {
                // Emoji and other supplementary-plane chars are noise between characters.
                gap = true;
                i += w;
                continue;
            }
            char c = CharFolding.fold((char) cp);
            // 幺 folds to 么 in HanLP's table, so numerals are read before folding too.
            int digit = numeral((char) cp) >= 0 ? numeral((char) cp) : numeral(c);
            if (digit >= 0) {
                emit(t, (char) ('0' + digit), i, i + 1, clause, gap);
                gap = false;
            } else if (c == '十' || c == '拾') {
                boolean before = t.scriptLength > 0 && isDigit(t.script[t.scriptLength - 1]) && !gap;
                boolean after = i + 1 < n && (numeral(CharFolding.fold(s.charAt(i + 1))) >= 0);
                // Positional: 十五 → 15, 二十 → 20, 二十五 → 25, 十 → 10.
                if (before && after) {
                    t.origEnd[t.scriptLength - 1] = i + 1;
                } else if (before) {
                    emit(t, '0', i, i + 1, clause, false);
                } else if (after) {
                    emit(t, '1', i, i + 1, clause, gap);
                } else {
                    emit(t, '1', i, i + 1, clause, gap);
                    emit(t, '0', i, i + 1, clause, false);
                }
                gap = false;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '%') {
                emit(t, c, i, i + 1, clause, gap);
                gap = false;
            } else if (c >= 'A' && c <= 'Z') {
                emit(t, (char) (c + ('a' - 'A')), i, i + 1, clause, gap);
                gap = false;
            } else if (isIdeograph(c)) {
                c = dialect(c);
                if (t.scriptLength > 0 && t.script[t.scriptLength - 1] == c) {
                    // Repeated ideographs ("保保本本") fold into one; the highlight keeps both.
                    t.origEnd[t.scriptLength - 1] = i + 1;
                } else {
                    emit(t, c, i, i + 1, clause, gap);
                }
                gap = false;
            } else if (c == '?') {
                // Questions matter to context ("保本吗?"): the mark stays, then the clause ends.
                emit(t, '?', i, i + 1, clause, gap);
                clause++;
                gap = true;
            } else if ((c == '.' || c == ':') && !gap && t.scriptLength > 0 && isDigit(t.script[t.scriptLength - 1])
                    && i + 1 < n && isDigitLike(CharFolding.fold(s.charAt(i + 1)))) {
                // Decimal points stay; a colon between numbers is a ratio ("1:5" reads "1比5").
                emit(t, c == '.' ? '.' : '比', i, i + 1, clause, false);
            } else {
                if (isClauseBreak(c)) {
                    clause++;
                }
                gap = true;
            }
            i += w;
        }
    }

    private static void emit(NormalizedText t, char c, int from, int to, int clause, boolean gap) {
        int k = t.scriptLength++;
        t.script[k] = c;
        t.origStart[k] = from;
        t.origEnd[k] = to;
        t.clause[k] = clause;
        t.boundary[k] = gap;
    }

    private static void markBoundariesAndDigitRuns(NormalizedText t) {
        int n = t.scriptLength;
        int runStart = -1;
        for (int i = 0; i <= n; i++) {
            if (i == 0 || i == n) {
                t.boundary[i] = true;
            } else if (kind(t.script[i - 1]) != kind(t.script[i])) {
                t.boundary[i] = true;
            }
            boolean digit = i < n && isDigit(t.script[i]);
            // A gap (space, dash) inside a number does not end it: "510107 1978 1021 8055" is one ID.
            if (digit && runStart >= 0 && t.clause[i] != t.clause[i - 1]) {
                // ...but a clause break does: "卡号6222…，138…" are two numbers.
                t.addDigitRun(runStart, i);
                runStart = i;
            } else if (digit && runStart < 0) {
                runStart = i;
            } else if (!digit && runStart >= 0) {
                t.addDigitRun(runStart, i);
                runStart = -1;
            }
            if (i < n && t.script[i] >= 'a' && t.script[i] <= 'z') {
                t.hasLetters = true;
            }
        }
    }

    private void buildSound(NormalizedText t) {
        int n = t.scriptLength;
        int[] ends = null;
        char[] sounds = null;
        for (int i = 0; i < n;) {
            char c = t.script[i];
            if (c >= 'a' && c <= 'z') {
                int j = i;
                while (j < n && t.script[j] >= 'a' && t.script[j] <= 'z') {
                    j++;
                }
                if (ends == null) {
                    ends = new int[n];
                    sounds = new char[n];
                }
                int count = pinyin.segment(t.script, i, j, ends, sounds);
                if (count > 0) {
                    int from = i;
                    for (int k = 0; k < count; k++) {
                        addSound(t, sounds[k], from, ends[k]);
                        from = ends[k];
                    }
                } else {
                    for (int k = i; k < j; k++) {
                        addSound(t, t.script[k], k, k + 1);
                    }
                }
                i = j;
                continue;
            }
            char s = isIdeograph(c) ? pinyin.primarySound(c) : 0;
            addSound(t, s != 0 ? s : c, i, i + 1);
            i++;
        }
    }

    private static void addSound(NormalizedText t, char c, int from, int to) {
        int k = t.soundLength++;
        t.sound[k] = c;
        t.soundFrom[k] = from;
        t.soundTo[k] = to;
    }

    /** Dialect pronouns read as their Mandarin form (俺帮您弄 is 我帮您弄). */
    private static char dialect(char c) {
        return c == '俺' ? '我' : c;
    }

    /** The digit a numeral char stands for, or -1. Covers 〇零一…九, 壹…玖 and 幺 (said for 1 in numbers). */
    static int numeral(char c) {
        return switch (c) {
            case '0', '〇', '零' -> 0;
            case '1', '一', '壹', '幺' -> 1;
            case '2', '二', '贰' -> 2;
            case '3', '三', '叁' -> 3;
            case '4', '四', '肆' -> 4;
            case '5', '五', '伍' -> 5;
            case '6', '六', '陆' -> 6;
            case '7', '七', '柒' -> 7;
            case '8', '八', '捌' -> 8;
            case '9', '九', '玖' -> 9;
            default -> -1;
        };
    }

    private static boolean isDigitLike(char c) {
        return numeral(c) >= 0 || c == '十' || c == '拾';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** CJK Unified Ideographs, Extension A and compatibility ideographs. */
    public static boolean isIdeograph(char c) {
        return (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF');
    }

    private static boolean isClauseBreak(char c) {
        return switch (c) {
            case ',', '.', '!', ';', '\n', '\r', '。', '，', '！', '；', '…' -> true;
            default -> false;
        };
    }

    /** 0 letter, 1 digit, 2 ideograph, 3 other (%, 比 from a ratio is an ideograph). */
    private static int kind(char c) {
        if (c >= 'a' && c <= 'z') {
            return 0;
        }
        if (isDigit(c) || c == '.') {
            return 1;
        }
        return isIdeograph(c) ? 2 : 3;
    }
}
