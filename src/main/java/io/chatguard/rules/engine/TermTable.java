package io.chatguard.rules.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;
import com.hankcs.hanlp.dictionary.CoreDictionary;

import io.chatguard.rules.text.NormalizedText;
import io.chatguard.rules.text.Normalizer;
import io.chatguard.rules.text.PinyinTable;

/**
 * Every lexicon term of a rules version, compiled into one Aho-Corasick automaton that reads a
 * message's script and sound forms in one pass.
 *
 * <p>A term gets up to three kinds of keys: its script form ("保本"); its sound forms, one per
 * combination of readings ("bao|ben" as syllable chars), for terms of two or more
 * ideographs; and its pinyin initials ("jymm") for terms of three or more ideographs. Sound and
 * initials keys are off for terms written with a leading {@code =}.
 *
 * <p>Built once by {@link RuleCompiler}; after {@link #build()} it is immutable and safe to share.
 */
final class TermTable {
    private static final int MAX_SOUND_VARIANTS = 16;
    private static final byte SCRIPT = 0;
    private static final byte SOUND = 1;
    private static final byte INITIALS = 2;
    /** Pronouns and particles: sharing only these does not make a homophone the same word. */
    private static final String FUNCTION_CHARS = "您你我他她它们的了给是个在有和就都也要会这那吗呢吧啊哈嘛1";

    /**
     * A lexicon term.
     *
     * @param id index in this table
     * @param display the term as the rule file wrote it
     * @param script its normalised script form
     * @param exactOnly no sound or initials matching
     * @param looseSound a sound match needs no char of the term in place ("蜜马" for 密码); only for
     *        context-bound terms inside NEAR, where the neighbour keeps it honest
     */
    record Term(int id, String display, String script, boolean exactOnly, boolean looseSound) {
    }

    /** A trie value entry: {@code term << 3 | kind << 1 | boundary}; boundary set when the key starts or ends with a letter. */
    private static int key(int term, byte kind, String key) {
        boolean letters = isLetter(key.charAt(0)) || isLetter(key.charAt(key.length() - 1));
        return term << 3 | kind << 1 | (letters ? 1 : 0);
    }

    private final Normalizer normalizer;
    private final List<Term> terms = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private AhoCorasickDoubleArrayTrie<int[]> trie;
    private Term[] byId;
    /**
     * Every char that occurs in a key, renumbered 1..n (0 for all others). The double-array trie
     * indexes by char code: CJK codes near 40 000 make it large and sparse, compact codes keep it
     * dense and in cache. Keys and text are remapped alike.
     */
    private final char[] compact = new char[65536];

    TermTable(Normalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** Registers {@code raw} (normalised first) and returns its id; the same term gets the same id. */
    int add(String raw, boolean exactOnly) {
        return add(raw, exactOnly, false);
    }

    /** As {@link #add(String, boolean)}, optionally with {@link Term#looseSound()}. */
    int add(String raw, boolean exactOnly, boolean looseSound) {
        String script = normalizer.scriptOf(raw);
        if (script.isEmpty()) {
            throw new RuleSyntaxException("term '" + raw + "' has no letters, digits or ideographs");
        }
        if (script.length() == 1 && Normalizer.isIdeograph(script.charAt(0)) && raw.strip().length() > 1) {
            // Repeated ideographs fold ("叔叔" reads 叔): the term would match far more than it says.
            throw new RuleSyntaxException("term '" + raw + "' folds to the single character '" + script + "'");
        }
        String key = (exactOnly ? "=" : looseSound ? "~~" : "~") + script;
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        int next = terms.size();
        terms.add(new Term(next, raw.strip(), script, exactOnly, looseSound && !exactOnly));
        ids.put(key, next);
        return next;
    }

    int size() {
        return terms.size();
    }

    /**
     * How often a term turns up in ordinary text, for choosing which terms make a rule a candidate:
     * HanLP's core-dictionary frequency, with single chars ("您", "不", "%") counted as very common.
     */
    double commonness(int id) {
        String script = term(id).script();
        return 1 + CoreDictionary.getTermFrequency(script) + (script.length() == 1 ? 100_000 : 0);
    }

    /**
     * Every term's script form, back to back ({@code scripts[scriptStart[id] .. scriptStart[id + 1])}),
     * and its loose-sound flag: a sound match reads these, one array each, instead of a Term and its String.
     */
    private char[] scripts;
    private int[] scriptStart;
    private boolean[] looseSound;

    private final List<Expr.Terms> nodes = new ArrayList<>();
    /** Nodes by content, so a lexicon every file uses as context ("@negation") is one node, marked once per hit. */
    private final Map<String, Expr.Terms> nodesByContent = new HashMap<>();
    /** For each term, the term-set nodes that contain it ({@code nodeIds[nodeStart[t] .. nodeStart[t + 1])}): a hit marks them all at once. */
    private int[] nodeStart;
    private int[] nodeIds;

    /**
     * A term-set node with a number unique in this table's snapshot; the same terms with the same
     * whole-word flag give the same node (labelled as first written).
     */
    Expr.Terms node(int[] termIds, boolean wholeWord, String label) {
        int[] sorted = java.util.Arrays.stream(termIds).distinct().sorted().toArray();
        return nodesByContent.computeIfAbsent(wholeWord + java.util.Arrays.toString(sorted), k -> {
            var node = new Expr.Terms(nodes.size(), termIds, wholeWord, label);
            nodes.add(node);
            return node;
        });
    }

    /** How many term-set nodes were made. */
    int nodeCount() {
        return nodes.size();
    }

    /**
     * Marks every node containing a collected term as present for the current message and lists each
     * present node's hits in hit order ({@link MatchContext#nodeHead}).
     */
    void markNodes(TermHits hits, MatchContext ctx) {
        int[] gen = ctx.nodeGen;
        int[] head = ctx.nodeHead;
        int g = ctx.generation;
        int[] start = nodeStart;
        int[] ids = nodeIds;
        int entries = 0;
        for (int i = 0; i < hits.size; i++) {
            entries += start[hits.term[i] + 1] - start[hits.term[i]];
        }
        if (ctx.entryHit.length < entries) {
            ctx.entryHit = new int[Math.max(entries, 2 * ctx.entryHit.length)];
            ctx.entryNext = new int[ctx.entryHit.length];
        }
        int[] entryHit = ctx.entryHit;
        int[] entryNext = ctx.entryNext;
        int e = 0;
        // Backwards, prepending: each list comes out in hit order.
        for (int i = hits.size - 1; i >= 0; i--) {
            for (int k = start[hits.term[i]], end = start[hits.term[i] + 1]; k < end; k++) {
                int node = ids[k];
                if (gen[node] != g) {
                    gen[node] = g;
                    head[node] = -1;
                }
                entryHit[e] = i;
                entryNext[e] = head[node];
                head[node] = e++;
            }
        }
    }

    Normalizer normalizer() {
        return normalizer;
    }

    Term term(int id) {
        return byId != null ? byId[id] : terms.get(id);
    }

    /**
     * Compiles the automaton; call once, after every term is added. {@code usedNodes}: the nodes the
     * compiled rules refer to; a hit marks only those (the parser's intermediate term sets are dropped).
     */
    void build(Set<Integer> usedNodes) {
        var keys = new TreeMap<String, List<Integer>>();
        PinyinTable pinyin = normalizer.pinyin();
        for (Term t : terms) {
            keys.computeIfAbsent(t.script(), k -> new ArrayList<>()).add(key(t.id(), SCRIPT, t.script()));
            if (t.exactOnly()) {
                continue;
            }
            int ideographs = (int) t.script().chars().filter(c -> Normalizer.isIdeograph((char) c)).count();
            if (ideographs >= 2) {
                for (String sound : soundForms(t.script(), pinyin)) {
                    keys.computeIfAbsent(sound, k -> new ArrayList<>()).add(key(t.id(), SOUND, sound));
                }
            }
            if (ideographs >= 3 && ideographs == t.script().length()) {
                var initials = new StringBuilder();
                for (char c : t.script().toCharArray()) {
                    char i = pinyin.initial(c);
                    if (i == 0) {
                        initials.setLength(0);
                        break;
                    }
                    initials.append(i);
                }
                if (!initials.isEmpty()) {
                    String init = initials.toString();
                    keys.computeIfAbsent(init, k -> new ArrayList<>()).add(key(t.id(), INITIALS, init));
                }
            }
        }
        char next = 1;
        for (String k : keys.keySet()) {
            for (char c : k.toCharArray()) {
                if (compact[c] == 0) {
                    compact[c] = next++;
                }
            }
        }
        var map = new TreeMap<String, int[]>();
        keys.forEach((k, v) -> map.put(remap(k), v.stream().mapToInt(Integer::intValue).toArray()));
        trie = new AhoCorasickDoubleArrayTrie<>();
        trie.build(map);
        byId = terms.toArray(Term[]::new);
        scriptStart = new int[byId.length + 1];
        looseSound = new boolean[byId.length];
        var pool = new StringBuilder();
        for (Term t : byId) {
            scriptStart[t.id()] = pool.length();
            pool.append(t.script());
            looseSound[t.id()] = t.looseSound();
        }
        scriptStart[byId.length] = pool.length();
        scripts = pool.toString().toCharArray();
        var lists = new ArrayList<List<Integer>>();
        for (int i = 0; i < terms.size(); i++) {
            lists.add(new ArrayList<>(2));
        }
        for (Expr.Terms node : nodes) {
            if (!usedNodes.contains(node.node())) {
                continue;
            }
            for (int id : java.util.Arrays.stream(node.termIds()).distinct().toArray()) {
                lists.get(id).add(node.node());
            }
        }
        nodeStart = new int[lists.size() + 1];
        nodeIds = new int[lists.stream().mapToInt(List::size).sum()];
        for (int t = 0, k = 0; t < lists.size(); t++) {
            nodeStart[t] = k;
            for (int n : lists.get(t)) {
                nodeIds[k++] = n;
            }
            nodeStart[t + 1] = k;
        }
    }

    private String remap(String key) {
        char[] c = key.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = compact[c[i]];
        }
        return new String(c);
    }

    /** Sound forms of a script string: every combination of readings, capped. */
    private static Set<String> soundForms(String script, PinyinTable pinyin) {
        var forms = new LinkedHashSet<String>();
        forms.add("");
        char[] s = script.toCharArray();
        for (int i = 0; i < s.length;) {
            char[] options;
            int consumed = 1;
            if (s[i] >= 'a' && s[i] <= 'z') {
                int j = i;
                while (j < s.length && s[j] >= 'a' && s[j] <= 'z') {
                    j++;
                }
                int[] ends = new int[j - i];
                char[] sounds = new char[j - i];
                int n = pinyin.segment(s, i, j, ends, sounds);
                String run = n > 0 ? new String(sounds, 0, n) : new String(s, i, j - i);
                var next = new LinkedHashSet<String>();
                forms.forEach(f -> next.add(f + run));
                forms = next;
                i = j;
                continue;
            }
            if (s[i] >= '0' && s[i] <= '9') {
                // Numerals became digits (零风险 reads 0风险): romanised text says "ling feng xian", so a
                // digit also stands for its numeral's readings.
                options = digitSounds(s[i], pinyin);
            } else {
                options = Normalizer.isIdeograph(s[i]) ? pinyin.sounds(s[i]) : new char[0];
            }
            if (options.length == 0) {
                options = new char[] {s[i]};
            }
            var next = new LinkedHashSet<String>();
            for (String f : forms) {
                for (char o : options) {
                    if (next.size() < MAX_SOUND_VARIANTS || o == options[0]) {
                        next.add(f + o);
                    }
                }
            }
            forms = next;
            i += consumed;
        }
        return forms;
    }

    private static final String[] NUMERALS = {"零", "一幺", "二两", "三", "四", "五", "六", "七", "八", "九"};

    /** A digit and the sounds of the numerals it stands for, digit first. */
    private static char[] digitSounds(char digit, PinyinTable pinyin) {
        var out = new StringBuilder().append(digit);
        for (char numeral : NUMERALS[digit - '0'].toCharArray()) {
            char s = pinyin.primarySound(numeral);
            if (s != 0 && out.indexOf(String.valueOf(s)) < 0) {
                out.append(s);
            }
        }
        return out.toString().toCharArray();
    }

    /**
     * Finds every term occurrence in {@code text} and appends it to {@code out} as script positions.
     * Script keys that start or end with a letter must sit on word boundaries ("pz" not inside
     * "apzb"); initials must be a whole romanised word; a sound match over ideographs only must keep
     * at least one of the term's own chars in place (饱本 is 保本, 笔账 is not 必涨).
     */
    void collect(NormalizedText text, TermHits out) {
        char[] both = text.scriptAndSound(compact);
        int scriptLength = text.scriptLength();
        char[] pool = scripts;
        int[] poolStart = scriptStart;
        boolean[] loose = looseSound;
        trie.parseText(both, (begin, end, keys, index) -> {
            if (begin < scriptLength) {
                for (int k : keys) {
                    if (((k >>> 1) & 3) != SOUND && ((k & 1) == 0 || onWordBoundaries(text, begin, end))
                            && onNumberBoundaries(text, begin, end, scriptLength)) {
                        out.add(k >>> 3, begin, end);
                    }
                }
            } else if (begin > scriptLength) {
                int from = text.soundFrom(begin - scriptLength - 1);
                int to = text.soundTo(end - scriptLength - 2);
                for (int k : keys) {
                    int id = k >>> 3;
                    if (((k >>> 1) & 3) == SOUND
                            && soundMatchHolds(text, from, to, pool, poolStart[id], poolStart[id + 1], loose[id])) {
                        out.add(id, from, to);
                    }
                }
            }
        });
    }

    /**
     * A term that starts or ends with a written digit does not continue a written number: "1比3" is not in
     * "11:30" (a time), "10倍" not in "100倍". Numerals that became digits are words, not numbers (唯一一只
     * reads 唯11只 and still holds 唯一).
     */
    private static boolean onNumberBoundaries(NormalizedText text, int begin, int end, int length) {
        return !(writtenDigit(text, begin) && begin > 0 && writtenDigit(text, begin - 1))
                && !(writtenDigit(text, end - 1) && end < length && writtenDigit(text, end));
    }

    /** Whether script char {@code i} is a digit typed as one (ASCII or full width), not a numeral. */
    private static boolean writtenDigit(NormalizedText text, int i) {
        char c = text.scriptChar(i);
        return c >= '0' && c <= '9' && Character.isDigit(text.original().charAt(text.originalStart(i)));
    }

    private static boolean onWordBoundaries(NormalizedText text, int begin, int end) {
        return (!isLetter(text.scriptChar(begin)) || text.boundaryAt(begin))
                && (!isLetter(text.scriptChar(end - 1)) || text.boundaryAt(end));
    }

    /** {@code script[scriptFrom, scriptTo)}: the term's script form. */
    private static boolean soundMatchHolds(NormalizedText text, int from, int to, char[] script, int scriptFrom,
            int scriptTo, boolean loose) {
        boolean letters = false;
        for (int i = from; i < to; i++) {
            letters |= isLetter(text.scriptChar(i));
        }
        if (letters) {
            return true;
        }
        int length = scriptTo - scriptFrom;
        if (to - from != length) {
            return false;
        }
        int same = 0;
        int sameContent = 0;
        for (int i = 0; i < length; i++) {
            char c = script[scriptFrom + i];
            if (text.scriptChar(from + i) == c) {
                same++;
                if (FUNCTION_CHARS.indexOf(c) < 0) {
                    sameContent++;
                }
            }
        }
        // All the same is the script match itself, already counted; no shared content char is a
        // different word (烦您 shares only 您 with 返您), unless the rule's context vouches for it.
        return same < length && (loose || sameContent > 0);
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}
