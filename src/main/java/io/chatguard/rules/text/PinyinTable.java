package io.chatguard.rules.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import com.hankcs.hanlp.dictionary.py.Pinyin;
import com.hankcs.hanlp.dictionary.py.PinyinDictionary;

/**
 * Toneless pinyin readings of every CJK ideograph, and the segmentation of romanised text into
 * syllables, so that homophones ("饱本"), pinyin ("baoben", "bao ben") and mixtures ("bao本") of a
 * lexicon term meet it in one "sound" channel.
 *
 * <p>Each of the ~400 toneless syllables gets a char of its own ({@link #soundChar(int)}, from U+0100 in
 * the Latin Extended blocks, which normalised script text never contains): sound text has one char per
 * syllable, so the multi-pattern automaton matches it like any other text. Low code points keep the
 * double-array trie dense.
 * Immutable after construction and safe to share; building it reads HanLP's pinyin dictionary once
 * (about 70 ms).
 */
public final class PinyinTable {
    /** First code point used for syllables (Latin Extended-A; never in script text, see Normalizer). */
    static final char SOUND_BASE = '\u0100';
    private static final char FIRST = '\u3400';
    private static final char LAST = '\u9FFF';
    private static final int MAX_SYLLABLE = 6;

    private final String[] syllables;
    private final Map<String, Integer> syllableIds;
    /** Readings per char from {@link #FIRST}, most common first; null where HanLP has none. */
    private final short[][] readings;
    /**
     * The most common reading per char from {@link #FIRST} as a sound char, 0 where there is none: one
     * flat array, because normalisation reads it for every ideograph of every message.
     */
    private final char[] primary;

    public PinyinTable() {
        var names = new TreeSet<String>();
        var perChar = new String[LAST - FIRST + 1][];
        for (char c = FIRST; c <= LAST; c++) {
            Pinyin[] found = PinyinDictionary.get(String.valueOf(c));
            if (found == null || found.length == 0) {
                continue;
            }
            var toneless = new ArrayList<String>(found.length);
            for (Pinyin p : found) {
                String s = p.getPinyinWithoutTone();
                if (s != null && !s.isEmpty() && !toneless.contains(s) && s.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
                    toneless.add(s);
                }
            }
            if (!toneless.isEmpty()) {
                perChar[c - FIRST] = toneless.toArray(String[]::new);
                names.addAll(toneless);
            }
        }
        syllables = names.toArray(String[]::new);
        syllableIds = new HashMap<>();
        for (int i = 0; i < syllables.length; i++) {
            syllableIds.put(syllables[i], i);
        }
        readings = new short[perChar.length][];
        for (int i = 0; i < perChar.length; i++) {
            if (perChar[i] != null) {
                short[] ids = new short[perChar[i].length];
                for (int k = 0; k < ids.length; k++) {
                    ids[k] = (short) (int) syllableIds.get(perChar[i][k]);
                }
                readings[i] = ids;
            }
        }
        primary = new char[readings.length];
        for (int i = 0; i < readings.length; i++) {
            primary[i] = readings[i] == null ? 0 : soundChar(readings[i][0]);
        }
    }

    /** The syllable behind a sound char, e.g. "bao". */
    public String syllable(char soundChar) {
        return syllables[soundChar - SOUND_BASE];
    }

    /** The char standing for syllable {@code id}. */
    public static char soundChar(int id) {
        return (char) (SOUND_BASE + id);
    }

    /** The most common reading of {@code c} as a sound char, or 0 when {@code c} has no pinyin. */
    public char primarySound(char c) {
        if (c < FIRST || c > LAST) {
            return 0;
        }
        return primary[c - FIRST];
    }

    /** All readings of {@code c} as sound chars (empty when it has none). */
    public char[] sounds(char c) {
        if (c < FIRST || c > LAST || readings[c - FIRST] == null) {
            return new char[0];
        }
        short[] r = readings[c - FIRST];
        char[] out = new char[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = soundChar(r[i]);
        }
        return out;
    }

    /** The first letter of the most common reading of {@code c}, or 0. */
    public char initial(char c) {
        char s = primarySound(c);
        return s == 0 ? 0 : syllable(s).charAt(0);
    }

    /**
     * Splits {@code text[from, to)} (lower-case ASCII letters) into pinyin syllables, preferring
     * longer syllables. Writes the end offset of each syllable to {@code ends} and its sound char to
     * {@code sounds}; returns the count, or -1 when the run is not entirely pinyin (English words,
     * initials such as "jymm").
     */
    public int segment(char[] text, int from, int to, int[] ends, char[] sounds) {
        int n = to - from;
        if (n <= 0 || n > 256) {
            return -1;
        }
        // reach[i]: a segmentation of text[from+i, to) exists; next[i]: length of its first syllable.
        byte[] next = new byte[n + 1];
        boolean[] reach = new boolean[n + 1];
        reach[n] = true;
        for (int i = n - 1; i >= 0; i--) {
            for (int len = Math.min(MAX_SYLLABLE, n - i); len >= 1; len--) {
                if (reach[i + len] && syllableIds.containsKey(new String(text, from + i, len))) {
                    reach[i] = true;
                    next[i] = (byte) len;
                    break;
                }
            }
        }
        if (!reach[0]) {
            return -1;
        }
        int count = 0;
        for (int i = 0; i < n; i += next[i]) {
            ends[count] = from + i + next[i];
            sounds[count] = soundChar(syllableIds.get(new String(text, from + i, next[i])));
            count++;
        }
        return count;
    }
}
