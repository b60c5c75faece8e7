package io.chatguard.rules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the rule expression language:
 *
 * <pre>
 * expr  := near ('|' near)*
 * near  := item (('NEAR/' n | 'BEFORE/' n) item)*
 * item  := '(' expr ')' | term | '"' term with spaces '"' | '&lt;' whole word '&gt;' | '@' lexicon
 *        | '$' validator | '/' regex '/'
 * </pre>
 *
 * Distances count normalised chars (noise removed, repeats folded). Sound (homophone, pinyin) and
 * initials matching is on for the terms a rule fires on, written directly in {@code mustAny} outside
 * NEAR/BEFORE, and off for context words elsewhere (线上 must not read as 先上). A leading {@code ~}
 * turns it on for one term or lexicon, a leading {@code =} off, and {@code ~~} inside NEAR/BEFORE also
 * accepts homophones that keep none of the term's chars ("蜜马" for 密码), for context-bound terms only.
 * Not thread-safe; one per compile.
 */
final class ExpressionParser {
    /** Where terms and lexicons come from. */
    interface Lexicon {
        /** The terms of lexicon {@code name}, or null when there is none. */
        List<String> terms(String name);
    }

    private static final int MAX_DISTANCE = 500;

    private final String src;
    private final TermTable terms;
    private final Lexicon lexicon;
    private final boolean fuzzyByDefault;
    private int pos;
    /** Depth inside NEAR/BEFORE operands, where terms are context and exact by default. */
    private int nearDepth;

    private ExpressionParser(String src, TermTable terms, Lexicon lexicon, boolean fuzzyByDefault) {
        this.src = src;
        this.terms = terms;
        this.lexicon = lexicon;
        this.fuzzyByDefault = fuzzyByDefault;
    }

    /**
     * Parses {@code src}, registering its terms in {@code terms}. {@code fuzzy}: the expression is a
     * rule's mustAny, whose top-level terms get sound and initials matching.
     */
    static Expr parse(String src, TermTable terms, Lexicon lexicon, boolean fuzzy) {
        var p = new ExpressionParser(src, terms, lexicon, fuzzy);
        p.skipSpace();
        if (p.pos >= src.length()) {
            throw new RuleSyntaxException("empty expression");
        }
        Expr e = p.or();
        p.skipSpace();
        if (p.pos < src.length()) {
            throw p.error("expected '|', NEAR/n or BEFORE/n");
        }
        return e;
    }

    private Expr or() {
        var alternatives = new ArrayList<Expr>();
        alternatives.add(near());
        while (true) {
            skipSpace();
            if (pos < src.length() && src.charAt(pos) == '|') {
                pos++;
                alternatives.add(near());
            } else {
                break;
            }
        }
        return alternatives.size() == 1 ? alternatives.get(0) : mergeTerms(alternatives);
    }

    /** Plain alternatives of terms become one term set: one pass over the hits instead of many. */
    private Expr mergeTerms(List<Expr> alternatives) {
        var merged = new ArrayList<Expr>();
        var ids = new ArrayList<Integer>();
        var labels = new ArrayList<String>();
        for (Expr e : alternatives) {
            if (e instanceof Expr.Terms t && !t.wholeWord()) {
                for (int id : t.termIds()) {
                    ids.add(id);
                }
                labels.add(t.label());
            } else {
                merged.add(e);
            }
        }
        if (!ids.isEmpty()) {
            merged.add(0, terms.node(ids.stream().mapToInt(Integer::intValue).distinct().toArray(), false,
                    String.join(" | ", labels)));
        }
        return merged.size() == 1 ? merged.get(0) : new Expr.Or(merged);
    }

    private Expr near() {
        boolean operands = nearFollows();
        if (operands) {
            nearDepth++;
        }
        try {
            return nearChain();
        } finally {
            if (operands) {
                nearDepth--;
            }
        }
    }

    /** True when the item starting here is followed by NEAR/ or BEFORE/ (looks past one item). */
    private boolean nearFollows() {
        int save = pos;
        int depth = nearDepth;
        try {
            // Parse the item against a throwaway table, then look at what follows it.
            var probe = new ExpressionParser(src, new TermTable(terms.normalizer()), lexicon, false);
            probe.pos = pos;
            probe.nearDepth = 1; // parse the operand as if inside NEAR, where '~~' is legal
            probe.item();
            probe.skipSpace();
            return src.startsWith("NEAR/", probe.pos) || src.startsWith("BEFORE/", probe.pos);
        } catch (RuleSyntaxException e) {
            return false;
        } finally {
            pos = save;
            nearDepth = depth;
        }
    }

    private Expr nearChain() {
        Expr left = item();
        while (true) {
            skipSpace();
            boolean ordered;
            if (src.startsWith("NEAR/", pos)) {
                ordered = false;
                pos += 5;
            } else if (src.startsWith("BEFORE/", pos)) {
                ordered = true;
                pos += 7;
            } else {
                return left;
            }
            int start = pos;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("NEAR/ and BEFORE/ need a distance, e.g. NEAR/5");
            }
            int distance = Integer.parseInt(src.substring(start, pos));
            if (distance < 0 || distance > MAX_DISTANCE) {
                throw error("distance must be 0.." + MAX_DISTANCE);
            }
            Expr right = item();
            left = new Expr.Near(left, right, distance, ordered);
        }
    }

    private Expr item() {
        skipSpace();
        if (pos >= src.length()) {
            throw error("expression ends where a term was expected");
        }
        char c = src.charAt(pos);
        Boolean fuzzyMark = null;
        boolean looseMark = false;
        if (c == '=' || c == '~') {
            fuzzyMark = c == '~';
            pos++;
            if (fuzzyMark && pos < src.length() && src.charAt(pos) == '~') {
                looseMark = true;
                pos++;
            }
            if (pos >= src.length()) {
                throw error("'" + c + "' must precede a term or lexicon");
            }
            c = src.charAt(pos);
        }
        boolean exact = fuzzyMark != null ? !fuzzyMark : !(fuzzyByDefault && nearDepth == 0);
        // '~~' inside NEAR/BEFORE: the neighbouring term constrains it, so any homophone counts.
        if (looseMark && nearDepth == 0) {
            throw error("'~~' is only allowed inside NEAR/BEFORE, where a neighbour constrains it");
        }
        boolean loose = looseMark;
        switch (c) {
            case '(' -> {
                if (fuzzyMark != null) {
                    throw error("'=' and '~' cannot precede '('");
                }
                pos++;
                Expr e = or();
                skipSpace();
                if (pos >= src.length() || src.charAt(pos) != ')') {
                    throw error("missing ')'");
                }
                pos++;
                return e;
            }
            case ')', '|' -> throw error("unexpected '" + c + "'");
            case '"' -> {
                String term = until('"', "unclosed quote");
                return terms(List.of(term), exact, false, loose, '"' + term + '"');
            }
            case '<' -> {
                String term = until('>', "unclosed '<'");
                return terms(List.of(term), true, true, false, '<' + term + '>');
            }
            case '@' -> {
                pos++;
                String name = name();
                List<String> list = lexicon.terms(name);
                if (list == null) {
                    throw error("unknown lexicon @" + name);
                }
                return lexiconTerms(list, exact, fuzzyMark != null, looseMark, '@' + name);
            }
            case '$' -> {
                pos++;
                String name = name();
                NumberValidator v = NumberValidator.named(name);
                if (v == null) {
                    throw error("unknown validator $" + name + " (known: $idcard, $bankcard, $mobile)");
                }
                return new Expr.Number(v);
            }
            case '/' -> {
                String regex = until('/', "unclosed regex");
                try {
                    return new Expr.Regex(Pattern.compile(regex));
                } catch (PatternSyntaxException e) {
                    throw error("invalid regex: " + e.getDescription());
                }
            }
            default -> {
                int start = pos;
                while (pos < src.length() && !Character.isWhitespace(src.charAt(pos)) && "()|\"<>".indexOf(src.charAt(pos)) < 0) {
                    pos++;
                }
                String term = src.substring(start, pos);
                if (term.startsWith("NEAR/") || term.startsWith("BEFORE/")) {
                    pos = start;
                    throw error(term + " needs a term on its left");
                }
                return terms(List.of(term), exact, false, loose, term);
            }
        }
    }

    /** Lexicon entries may carry the same marks as inline terms: {@code =exact} and {@code <whole word>}. */
    private Expr lexiconTerms(List<String> entries, boolean exact, boolean marked, boolean looseRef, String label) {
        var plain = new ArrayList<String>();
        var loose = new ArrayList<String>();
        var exactOnly = new ArrayList<String>();
        var words = new ArrayList<String>();
        for (String e : entries) {
            if (e.length() > 2 && e.startsWith("<") && e.endsWith(">")) {
                words.add(e.substring(1, e.length() - 1));
                continue;
            }
            // The reference's own mark (~@x, =@x) overrides the entries'; otherwise an entry's mark wins.
            boolean looseEntry = e.length() > 2 && e.startsWith("~~") && nearDepth > 0;
            Boolean own = e.length() > 1 && e.startsWith("=") ? Boolean.FALSE
                    : e.length() > 1 && e.startsWith("~") ? Boolean.TRUE : null;
            String term = own == null ? e : e.substring(e.startsWith("~~") ? 2 : 1);
            boolean fuzzy = marked || own == null ? !exact : own;
            if (!fuzzy) {
                exactOnly.add(term);
            } else if (looseRef || (!marked && looseEntry)) {
                loose.add(term);
            } else {
                plain.add(term);
            }
        }
        var parts = new ArrayList<Expr>();
        if (!plain.isEmpty()) {
            parts.add(terms(plain, false, false, false, label));
        }
        if (!loose.isEmpty()) {
            parts.add(terms(loose, false, false, true, label));
        }
        if (!exactOnly.isEmpty()) {
            parts.add(terms(exactOnly, true, false, false, label));
        }
        if (!words.isEmpty()) {
            parts.add(terms(words, true, true, false, label));
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Or(parts);
    }

    private Expr terms(List<String> raw, boolean exact, boolean wholeWord, boolean loose, String label) {
        int[] ids = new int[raw.size()];
        for (int i = 0; i < ids.length; i++) {
            try {
                ids[i] = terms.add(raw.get(i), exact || wholeWord, loose);
            } catch (RuleSyntaxException e) {
                throw error(label + ": " + e.getMessage());
            }
        }
        return terms.node(ids, wholeWord, label);
    }

    private String until(char close, String problem) {
        int start = ++pos;
        var sb = new StringBuilder();
        while (pos < src.length() && src.charAt(pos) != close) {
            if (close == '/' && src.charAt(pos) == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '/') {
                pos++;
            }
            sb.append(src.charAt(pos++));
        }
        if (pos >= src.length()) {
            pos = start - 1;
            throw error(problem);
        }
        pos++;
        if (sb.isEmpty()) {
            throw error("empty " + (close == '/' ? "regex" : "term"));
        }
        return sb.toString();
    }

    private String name() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                || src.charAt(pos) == '-')) {
            pos++;
        }
        if (start == pos) {
            throw error("a name must follow");
        }
        return src.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private RuleSyntaxException error(String message) {
        return new RuleSyntaxException(message + " at column " + (pos + 1) + " of '" + src + "'");
    }
}
