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

    // What each UTF-16 char is, after folding: one table lookup per char on the hot path.
    private static final byte NOISE = 0;
    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    private static final byte IDEOGRAPH = 3;
    private static final byte TEN = 4;
    private static final byte PERCENT = 5;
    private static final byte QUESTION = 6;
    private static final byte DOT = 7;
    private static final byte COLON = 8;
    private static final byte CLAUSE = 9;

    // What each script char counts as for word boundaries: a boundary lies where this changes ("%" counts
    // as other, "比" from a ratio as an ideograph, a decimal point as a digit).
    private static final int LETTERS = 0;
    private static final int DIGITS = 1;
    private static final int IDEOGRAPHS = 2;
    private static final int OTHER = 3;

    private final byte[] kind = new byte[65536];
    /** The char a LETTER or IDEOGRAPH becomes (folded, lower-case, dialect read as Mandarin), or a DIGIT's '0'–'9'. */
    private final char[] out = new char[65536];

    public Normalizer(PinyinTable pinyin) {
        this.pinyin = pinyin;
        for (int i = 0; i < 65536; i++) {
            char raw = (char) i;
            char c = CharFolding.fold(raw);
            // 幺 folds to 么 in HanLP's table, so numerals are read before folding too.
            int digit = numeral(raw) >= 0 ? numeral(raw) : numeral(c);
            if (Character.isSurrogate(raw)) {
                kind[i] = NOISE;
            } else if (digit >= 0) {
                kind[i] = DIGIT;
                out[i] = (char) ('0' + digit);
            } else if (c == '十' || c == '拾') {
                kind[i] = TEN;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                kind[i] = LETTER;
                out[i] = Character.toLowerCase(c);
            } else if (isIdeograph(c)) {
                kind[i] = IDEOGRAPH;
                // Dialect first: HanLP folds some Cantonese chars to other Mandarin ones (哋 to 的).
                out[i] = dialect(raw) != raw ? dialect(raw) : dialect(c);
            } else if (c == '%') {
                kind[i] = PERCENT;
            } else if (c == '?') {
                kind[i] = QUESTION;
            } else if (c == '.') {
                kind[i] = DOT;
            } else if (c == ':') {
                kind[i] = COLON;
            } else if (isClauseBreak(c)) {
                kind[i] = CLAUSE;
            }
        }
    }

    public PinyinTable pinyin() {
        return pinyin;
    }

    /** Normalises {@code text} into {@code into}, overwriting what it held, and returns it. */
    public NormalizedText normalize(String text, NormalizedText into) {
        NormalizedText t = into;
        t.reset(text);
        buildScript(text, t);
        markBoundariesDigitRunsAndSound(t);
        return t;
    }

    /** The script form of a lexicon term, e.g. "保 證" → "保证". */
    public String scriptOf(String term) {
        return normalize(term, new NormalizedText()).script();
    }

    private void buildScript(String s, NormalizedText t) {
        int clause = 0;
        boolean gap = false;
        // Whether the last script char, and the one before it, absorbed a doubled char ("第第一一").
        boolean lastDoubled = false;
        boolean prevDoubled = false;
        int n = s.length();
        char[] in = t.input;
        s.getChars(0, n, in, 0);
        for (int i = 0; i < n; i++) {
            char raw = in[i];
            byte k = kind[raw];
            int emitted = t.scriptLength;
            switch (k) {
                case DIGIT -> {
                    if (!gap && i > 0 && in[i - 1] == raw && !lastDoubled && isIdeograph(raw)
                            && (prevDoubled || doubledIdeographAt(in, i + 1, n))) {
                        // A numeral doubled among doubled chars ("第第一一", "唯唯一一") is the repeat
                        // evasion, not the number 11; numerals in a run of their own ("一三八一一") stay.
                        t.origEnd[t.scriptLength - 1] = i + 1;
                        lastDoubled = true;
                    } else {
                        emit(t, out[raw], i, i + 1, clause, gap);
                        prevDoubled = lastDoubled && !gap;
                        lastDoubled = false;
                    }
                    gap = false;
                }
                case LETTER -> {
                    emit(t, out[raw], i, i + 1, clause, gap);
                    gap = false;
                }
                case IDEOGRAPH -> {
                    char c = out[raw];
                    if (t.scriptLength > 0 && t.script[t.scriptLength - 1] == c) {
                        // Repeated ideographs ("保保本本") fold into one; the highlight keeps both.
                        t.origEnd[t.scriptLength - 1] = i + 1;
                        lastDoubled = true;
                    } else {
                        emit(t, c, i, i + 1, clause, gap);
                        prevDoubled = lastDoubled && !gap;
                        lastDoubled = false;
                    }
                    gap = false;
                }
                case TEN -> {
                    boolean before = t.scriptLength > 0 && isDigit(t.script[t.scriptLength - 1]) && !gap;
                    boolean after = i + 1 < n && kind[in[i + 1]] == DIGIT;
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
                }
                case PERCENT -> {
                    emit(t, '%', i, i + 1, clause, gap);
                    gap = false;
                }
                case QUESTION -> {
                    // Questions matter to context ("保本吗?"): the mark stays, then the clause ends.
                    emit(t, '?', i, i + 1, clause, gap);
                    clause++;
                    gap = true;
                }
                case DOT, COLON -> {
                    if (!gap && t.scriptLength > 0 && isDigit(t.script[t.scriptLength - 1]) && i + 1 < n
                            && (kind[in[i + 1]] == DIGIT || kind[in[i + 1]] == TEN)) {
                        // Decimal points stay; a colon between numbers is a ratio ("1:5" reads "1比5").
                        emit(t, k == DOT ? '.' : '比', i, i + 1, clause, false);
                    } else {
                        if (k == DOT) {
                            clause++;
                        }
                        gap = true;
                    }
                }
                case CLAUSE -> {
                    clause++;
                    gap = true;
                }
                default -> {
                    // Noise between characters: spaces, symbols, and both halves of an emoji's surrogate pair.
                    gap = true;
                }
            }
            if (k != DIGIT && k != IDEOGRAPH && t.scriptLength != emitted) {
                prevDoubled = lastDoubled;
                lastDoubled = false;
            }
        }
    }

    /** Whether {@code in[i]} and {@code in[i + 1]} are the same non-numeral ideograph. */
    private boolean doubledIdeographAt(char[] in, int i, int n) {
        return i + 1 < n && in[i] == in[i + 1] && kind[in[i]] == IDEOGRAPH;
    }

    private static void emit(NormalizedText t, char c, int from, int to, int clause, boolean gap) {
        int k = t.scriptLength++;
        t.script[k] = c;
        t.origStart[k] = from;
        t.origEnd[k] = to;
        t.clause[k] = clause;
        t.boundary[k] = gap;
    }

    /**
     * One pass over the script form: word boundaries where the kind of char changes (letter, digit,
     * ideograph, other), digit runs, and the sound form.
     */
    private void markBoundariesDigitRunsAndSound(NormalizedText t) {
        int n = t.scriptLength;
        char[] script = t.script;
        boolean[] boundary = t.boundary;
        int[] clause = t.clause;
        int runStart = -1;
        int previous = -1;
        int[] ends = null;
        char[] sounds = null;
        for (int i = 0; i < n;) {
            char c = script[i];
            if (c >= 'a' && c <= 'z') {
                if (runStart >= 0) {
                    t.addDigitRun(runStart, i);
                    runStart = -1;
                }
                if (previous != LETTERS) {
                    boundary[i] = true;
                }
                int j = i + 1;
                while (j < n && script[j] >= 'a' && script[j] <= 'z') {
                    j++;
                }
                if (ends == null) {
                    ends = new int[n];
                    sounds = new char[n];
                }
                int count = pinyin.segment(script, i, j, ends, sounds);
                if (count > 0) {
                    int from = i;
                    for (int k = 0; k < count; k++) {
                        addSound(t, sounds[k], from, ends[k]);
                        from = ends[k];
                    }
                } else {
                    for (int k = i; k < j; k++) {
                        addSound(t, script[k], k, k + 1);
                    }
                }
                previous = LETTERS;
                i = j;
                continue;
            }
            boolean digit = isDigit(c);
            int kind = digit || c == '.' ? DIGITS : isIdeograph(c) ? IDEOGRAPHS : OTHER;
            if (kind != previous) {
                boundary[i] = true;
            }
            // A gap (space, dash) inside a number does not end it: "510107 1978 1021 8055" is one ID...
            if (digit && runStart >= 0 && clause[i] != clause[i - 1]) {
                // ...but a clause break does: "卡号6222…，138…" are two numbers.
                t.addDigitRun(runStart, i);
                runStart = i;
            } else if (digit && runStart < 0) {
                runStart = i;
            } else if (!digit && runStart >= 0) {
                t.addDigitRun(runStart, i);
                runStart = -1;
            }
            char sound = kind == IDEOGRAPHS ? pinyin.primarySound(c) : 0;
            addSound(t, sound != 0 ? sound : c, i, i + 1);
            previous = kind;
            i++;
        }
        if (runStart >= 0) {
            t.addDigitRun(runStart, n);
        }
        boundary[0] = true;
        boundary[n] = true;
    }

    private static void addSound(NormalizedText t, char c, int from, int to) {
        int k = t.soundLength++;
        t.sound[k] = c;
        t.soundFrom[k] = from;
        t.soundTo[k] = to;
    }

    /**
     * Dialect chars read as their Mandarin form: 俺帮您弄 is 我帮您弄, Cantonese 唔保本 is 不保本,
     * 密码畀我 is 密码给我 and 佢哋 is 他们. Only chars that Mandarin text does not use otherwise (HanLP already folds
     * 冇 to 没).
     */
    private static char dialect(char c) {
        return switch (c) {
            case '俺' -> '我';
            case '唔' -> '不';
            case '俾', '畀' -> '给';
            case '嘅' -> '的';
            case '喺' -> '在';
            case '佢' -> '他';
            case '嗰' -> '那';
            case '睇' -> '看';
            case '谂' -> '想';
            case '啲' -> '点';
            case '哋' -> '们';
            case '嚟' -> '来';
            case '揾' -> '找';
            case '啱' -> '对';
            case '咁' -> '这';
            default -> c;
        };
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
}
