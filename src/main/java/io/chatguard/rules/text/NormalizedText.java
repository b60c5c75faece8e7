package io.chatguard.rules.text;

import java.util.Arrays;

/**
 * A message in the two forms the matcher reads, with maps back to the original text.
 *
 * <p>The <em>script</em> form ("A") is the folded text without noise (spaces, punctuation, emoji),
 * with numerals as ASCII digits and repeated ideographs collapsed: "保 保-本本！" → "保本". Each
 * script char knows the UTF-16 range of the original it came from, its clause number (clauses end at
 * , 。 ! ? ; and line breaks) and whether a word boundary precedes it.
 *
 * <p>The <em>sound</em> form ("B") replaces each ideograph, and each romanised syllable, by a
 * syllable char per toneless syllable ({@link PinyinTable}); each sound char knows the script range
 * it stands for.
 *
 * <p>Instances are scratch space: reused from one message to the next by one thread, never shared.
 */
public final class NormalizedText {
    String original = "";
    /** The original's chars, read once (faster than per-char String access). */
    char[] input = new char[128];

    char[] script = new char[128];
    int scriptLength;
    int[] origStart = new int[128];
    int[] origEnd = new int[128];
    int[] clause = new int[128];
    /** boundary[i]: a word boundary lies before script[i]; boundary[scriptLength] is always true. */
    boolean[] boundary = new boolean[129];

    char[] sound = new char[128];
    int soundLength;
    int[] soundFrom = new int[128];
    int[] soundTo = new int[128];

    int[] digitRunStart = new int[16];
    int[] digitRunEnd = new int[16];
    int digitRuns;
    int longestDigitRun;

    void reset(String text) {
        original = text;
        if (input.length < text.length()) {
            input = new char[text.length() * 2];
        }
        int need = text.length() * 2 + 2;
        if (script.length < need) {
            script = new char[need];
            origStart = new int[need];
            origEnd = new int[need];
            clause = new int[need];
            boundary = new boolean[need + 1];
            sound = new char[need];
            soundFrom = new int[need];
            soundTo = new int[need];
        }
        scriptLength = 0;
        soundLength = 0;
        digitRuns = 0;
        longestDigitRun = 0;
    }

    /** The original message. */
    public String original() {
        return original;
    }

    public int scriptLength() {
        return scriptLength;
    }

    public char scriptChar(int i) {
        return script[i];
    }

    /** The script form's buffer, valid up to {@link #scriptLength()}; read it, never write it (it is reused). */
    public char[] scriptChars() {
        return script;
    }

    /** The script form as a string (allocates; for tests, diagnostics and regex rules). */
    public String script() {
        return new String(script, 0, scriptLength);
    }

    /** Script text {@code [from, to)} as a string. */
    public String script(int from, int to) {
        return new String(script, from, to - from);
    }

    /** Start of the original UTF-16 range that script char {@code i} came from. */
    public int originalStart(int i) {
        return origStart[i];
    }

    /** End (exclusive) of the original UTF-16 range that script char {@code i} came from. */
    public int originalEnd(int i) {
        return origEnd[i];
    }

    /** Clause number of script char {@code i}, counted from 0. */
    public int clause(int i) {
        return clause[i];
    }

    /** True when a word boundary lies before script position {@code i} (0 and the end always are). */
    public boolean boundaryAt(int i) {
        return boundary[i];
    }

    public int soundLength() {
        return soundLength;
    }

    /** First script index covered by sound char {@code i}. */
    public int soundFrom(int i) {
        return soundFrom[i];
    }

    /** End (exclusive) script index covered by sound char {@code i}. */
    public int soundTo(int i) {
        return soundTo[i];
    }

    /** The sound form as a string (allocates; for tests and diagnostics). */
    public String sound() {
        return new String(sound, 0, soundLength);
    }

    /**
     * Script and sound forms in one array, separated by a NUL that no lexicon key contains, each char
     * mapped through {@code remap} (the automaton's compact codes).
     */
    public char[] scriptAndSound(char[] remap) {
        char[] out = new char[scriptLength + 1 + soundLength];
        for (int i = 0; i < scriptLength; i++) {
            out[i] = remap[script[i]];
        }
        out[scriptLength] = remap[0];
        for (int i = 0; i < soundLength; i++) {
            out[scriptLength + 1 + i] = remap[sound[i]];
        }
        return out;
    }

    /** Number of runs of ASCII digits in the script form. */
    public int digitRuns() {
        return digitRuns;
    }

    public int digitRunStart(int run) {
        return digitRunStart[run];
    }

    public int digitRunEnd(int run) {
        return digitRunEnd[run];
    }

    /** Length of the longest digit run, to skip number validators cheaply. */
    public int longestDigitRun() {
        return longestDigitRun;
    }

    void addDigitRun(int start, int end) {
        if (digitRuns == digitRunStart.length) {
            digitRunStart = Arrays.copyOf(digitRunStart, digitRuns * 2);
            digitRunEnd = Arrays.copyOf(digitRunEnd, digitRuns * 2);
        }
        digitRunStart[digitRuns] = start;
        digitRunEnd[digitRuns] = end;
        digitRuns++;
        longestDigitRun = Math.max(longestDigitRun, end - start);
    }
}
