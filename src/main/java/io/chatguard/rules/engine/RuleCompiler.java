package io.chatguard.rules.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.Viterbi.ViterbiSegment;

import io.chatguard.rules.Decision;
import io.chatguard.rules.Severity;
import io.chatguard.rules.text.Normalizer;

/**
 * Compiles {@link RuleSources} into a {@link RuleSnapshot}, or rejects them with a
 * {@link RuleDefinitionException} naming the file and the place. Nothing is published here: the
 * caller swaps the snapshot in only when compilation succeeded.
 *
 * <p>Thread-safe: each call builds its own tables. The normalizer (with its pinyin table) and the
 * HanLP segmenter are shared, read-only.
 */
public final class RuleCompiler {
    private static final Set<String> FILE_KEYS = Set.of("category", "title", "lexicons", "exceptions", "allow", "mustNot",
            "rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "name", "severity", "action", "description", "mustAny",
            "mustAll", "mustNot", "exceptions", "allow", "intercept", "inheritExceptions");
    private static final Set<String> EXCEPTION_KEYS = Set.of("terms", "before", "after", "around", "inside", "sameClause");

    private final Normalizer normalizer;
    private final Segment segmenter;
    private final ObjectMapper yaml;

    public RuleCompiler(Normalizer normalizer) {
        this.normalizer = normalizer;
        // The core dictionary only: HanLP's custom dictionary is global mutable state with cache files.
        this.segmenter = new ViterbiSegment().enableCustomDictionary(false).enableAllNamedEntityRecognize(false)
                .enablePartOfSpeechTagging(false).enableNumberQuantifierRecognize(false);
        this.yaml = new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        segmenter.seg("预热分词词典"); // load HanLP's core dictionary now, not on the first check
    }

    /** Compiles every rule in {@code sources}. */
    public RuleSnapshot compile(RuleSources sources) {
        var lexicons = new HashMap<String, List<String>>();
        sources.files().forEach((name, text) -> {
            if (name.startsWith("lexicons/")) {
                String lexicon = name.substring("lexicons/".length(), name.length() - ".txt".length());
                lexicons.put(lexicon, lexiconTerms(name, text));
            }
        });
        var terms = new TermTable(normalizer);
        var rules = new ArrayList<CompiledRule>();
        var ids = new HashSet<String>();
        sources.files().forEach((name, text) -> {
            if (!name.startsWith("lexicons/")) {
                compileFile(name, text, lexicons, terms, rules, ids);
            }
        });
        if (rules.isEmpty()) {
            throw new RuleDefinitionException("(all files)", "no rules defined");
        }
        terms.build(usedNodes(rules));
        return new RuleSnapshot(sources.version(), sources.hashes(), rules, normalizer, terms,
                new RuleMatcher(terms, segmenter), CandidateIndex.of(rules, terms));
    }

    private static List<String> lexiconTerms(String file, String text) {
        var out = new ArrayList<String>();
        for (String line : text.split("\n")) {
            String t = line.strip();
            int hash = t.indexOf('#');
            if (hash >= 0) {
                t = t.substring(0, hash).strip();
            }
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        if (out.isEmpty()) {
            throw new RuleDefinitionException(file, "lexicon has no terms");
        }
        return out;
    }

    private void compileFile(String file, String text, Map<String, List<String>> globalLexicons, TermTable terms,
            List<CompiledRule> rules, Set<String> ids) {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new RuleDefinitionException(file, (loc == null ? "" : "line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr() + ": ") + "invalid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RuleDefinitionException(file, "expected a mapping with 'category' and 'rules'");
        }
        checkKeys(file, "", root, FILE_KEYS);
        String category = requiredText(file, "", root, "category");
        String stem = file.replaceFirst("\\.ya?ml$", "");
        if (!category.matches("[a-z][a-z0-9_]*")) {
            throw new RuleDefinitionException(file, "category must be lower_snake_case: " + category);
        }
        if (!category.equals(stem)) {
            throw new RuleDefinitionException(file, "category '" + category + "' must match the file name '" + stem + "'");
        }
        var local = new LinkedHashMap<String, List<String>>();
        JsonNode lex = root.get("lexicons");
        if (lex != null) {
            if (!lex.isObject()) {
                throw new RuleDefinitionException(file, "lexicons: expected a mapping of name to term list");
            }
            lex.fields().forEachRemaining(f -> {
                if (globalLexicons.containsKey(f.getKey())) {
                    throw new RuleDefinitionException(file, "lexicons." + f.getKey()
                            + ": shadows lexicons/" + f.getKey() + ".txt; pick another name");
                }
                local.put(f.getKey(), stringList(file, "lexicons." + f.getKey(), f.getValue()));
            });
        }
        ExpressionParser.Lexicon lexicon = name -> local.containsKey(name) ? local.get(name) : globalLexicons.get(name);
        JsonNode list = root.get("rules");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new RuleDefinitionException(file, "rules: expected a non-empty list");
        }
        List<CompiledRule.Exception> fileExceptions = exceptions(file, "exceptions", root.get("exceptions"), terms, lexicon);
        List<String> fileAllow = root.has("allow") ? stringList(file, "allow", root.get("allow")) : List.of();
        List<String> fileMustNotSrc = expressions(file, "mustNot", root.get("mustNot"), false);
        var fileMustNot = new ArrayList<Expr>();
        for (int k = 0; k < fileMustNotSrc.size(); k++) {
            fileMustNot.add(parse(file, "mustNot[" + k + "]", fileMustNotSrc.get(k), terms, lexicon, false));
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String where = "rules[" + i + "]";
            if (!r.isObject()) {
                throw new RuleDefinitionException(file, where + ": expected a mapping");
            }
            String localId = requiredText(file, where, r, "id");
            where += " (" + localId + ")";
            checkKeys(file, where, r, RULE_KEYS);
            String id = category + "." + localId;
            if (!localId.matches("[a-z0-9][a-z0-9_.-]*")) {
                throw new RuleDefinitionException(file, where + ": id must be lower-case letters, digits, '_', '-' or '.'");
            }
            if (!ids.add(id)) {
                throw new RuleDefinitionException(file, where + ": duplicate rule id " + id);
            }
            rules.add(compileRule(file, where, r, id, category, rules.size(), terms, lexicon, fileExceptions, fileAllow,
                    fileMustNot, fileMustNotSrc));
        }
    }

    private CompiledRule compileRule(String file, String where, JsonNode r, String id, String category, int index,
            TermTable terms, ExpressionParser.Lexicon lexicon, List<CompiledRule.Exception> fileExceptions,
            List<String> fileAllow, List<Expr> fileMustNot, List<String> fileMustNotSrc) {
        Severity severity = enumValue(file, where, "severity", Severity.class, requiredText(file, where, r, "severity"));
        Decision action = enumValue(file, where, "action", Decision.class, requiredText(file, where, r, "action"));
        if (action == Decision.PASS) {
            throw new RuleDefinitionException(file, where + ": action must be BLOCK or WARN");
        }
        String name = requiredText(file, where, r, "name");
        String description = requiredText(file, where, r, "description");
        List<String> anySrc = expressions(file, where + ": mustAny", r.get("mustAny"), true);
        List<String> allSrc = expressions(file, where + ": mustAll", r.get("mustAll"), false);
        List<String> notSrc = expressions(file, where + ": mustNot", r.get("mustNot"), false);
        // File-level mustNot and exceptions join below unless the rule opts out.
        var any = new ArrayList<Expr>();
        for (int k = 0; k < anySrc.size(); k++) {
            any.add(parse(file, where + ": mustAny[" + k + "]", anySrc.get(k), terms, lexicon, true));
        }
        Expr mustAny = any.size() == 1 ? any.get(0) : new Expr.Or(any);
        var all = new ArrayList<Expr>();
        for (int k = 0; k < allSrc.size(); k++) {
            all.add(parse(file, where + ": mustAll[" + k + "]", allSrc.get(k), terms, lexicon, false));
        }
        var not = new ArrayList<Expr>();
        for (int k = 0; k < notSrc.size(); k++) {
            not.add(parse(file, where + ": mustNot[" + k + "]", notSrc.get(k), terms, lexicon, false));
        }
        var exceptions = new ArrayList<>(exceptions(file, where + ": exceptions", r.get("exceptions"), terms, lexicon));
        if (!r.has("inheritExceptions") || bool(file, where, r, "inheritExceptions")) {
            exceptions.addAll(fileExceptions);
            not.addAll(fileMustNot);
            notSrc = new ArrayList<>(notSrc);
            notSrc.addAll(fileMustNotSrc);
        }
        var allowTerms = new ArrayList<String>(fileAllow);
        if (r.has("allow")) {
            allowTerms.addAll(stringList(file, where + ": allow", r.get("allow")));
        }
        Expr allow = null;
        if (!allowTerms.isEmpty()) {
            int[] ids = new int[allowTerms.size()];
            for (int k = 0; k < ids.length; k++) {
                try {
                    ids[k] = terms.add(allowTerms.get(k), true);
                } catch (RuleSyntaxException e) {
                    throw new RuleDefinitionException(file, where + ": allow: " + e.getMessage());
                }
            }
            allow = terms.node(ids, false, "allow");
        }
        List<String> interceptWords = interceptWords(file, where, r.get("intercept"), mustAny, terms);
        return new CompiledRule(index, id, category, severity, action, name, description,
                new CompiledRule.RuleSource(file, anySrc, allSrc, notSrc), mustAny, all, not, exceptions, allow,
                !needsTerms(mustAny) && contains(mustAny, Expr.Number.class),
                !needsTerms(mustAny) && contains(mustAny, Expr.Regex.class), interceptWords);
    }

    /**
     * {@code intercept: true} exports the plain terms of mustAny; a list names the words explicitly
     * (context-free compounds such as 稳赚不赔, where the bare term would block compliant disclosures).
     */
    private static List<String> interceptWords(String file, String where, JsonNode node, Expr mustAny, TermTable terms) {
        if (node == null || (node.isBoolean() && !node.asBoolean())) {
            return List.of();
        }
        if (node.isBoolean()) {
            var out = new java.util.LinkedHashSet<String>();
            plainTerms(mustAny, terms, out);
            return List.copyOf(out);
        }
        List<String> words = stringList(file, where + ": intercept", node);
        for (String w : words) {
            if (w.strip().length() > 32) {
                throw new RuleDefinitionException(file, where + ": intercept: '" + w + "' is longer than WeCom's 32 characters");
            }
        }
        return words.stream().map(String::strip).toList();
    }

    private static void plainTerms(Expr e, TermTable terms, java.util.Set<String> out) {
        switch (e) {
            case Expr.Terms t -> {
                for (int id : t.termIds()) {
                    out.add(terms.term(id).display());
                }
            }
            case Expr.Or or -> or.alternatives().forEach(a -> plainTerms(a, terms, out));
            default -> {
                // NEAR, numbers and regexes have no plain-substring form.
            }
        }
    }

    private List<CompiledRule.Exception> exceptions(String file, String where, JsonNode node, TermTable terms,
            ExpressionParser.Lexicon lexicon) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new RuleDefinitionException(file, where + ": expected a list");
        }
        var out = new ArrayList<CompiledRule.Exception>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            String at = where + "[" + i + "]";
            if (!e.isObject()) {
                throw new RuleDefinitionException(file, at + ": expected a mapping with terms and before/after/around");
            }
            checkKeys(file, at, e, EXCEPTION_KEYS);
            Expr expr = parse(file, at + ".terms", requiredText(file, at, e, "terms"), terms, lexicon, false);
            var sides = new ArrayList<CompiledRule.Side>();
            for (CompiledRule.Side s : CompiledRule.Side.values()) {
                if (e.has(s.name().toLowerCase(Locale.ROOT))) {
                    sides.add(s);
                }
            }
            if (sides.size() != 1) {
                throw new RuleDefinitionException(file, at + ": give exactly one of before, after, around, inside");
            }
            JsonNode d = e.get(sides.get(0).name().toLowerCase(Locale.ROOT));
            if (sides.get(0) == CompiledRule.Side.INSIDE) {
                if (!d.isBoolean() || !d.asBoolean()) {
                    throw new RuleDefinitionException(file, at + ": inside: expected true");
                }
                out.add(new CompiledRule.Exception(expr, CompiledRule.Side.INSIDE, 0,
                        !e.has("sameClause") || bool(file, at, e, "sameClause")));
                continue;
            }
            if (!d.canConvertToInt() || d.asInt() < 0 || d.asInt() > 500) {
                throw new RuleDefinitionException(file, at + ": distance must be a whole number 0..500");
            }
            boolean sameClause = !e.has("sameClause") || bool(file, at, e, "sameClause");
            out.add(new CompiledRule.Exception(expr, sides.get(0), d.asInt(), sameClause));
        }
        return out;
    }

    private static Expr parse(String file, String where, String src, TermTable terms, ExpressionParser.Lexicon lexicon,
            boolean fuzzy) {
        try {
            return ExpressionParser.parse(src, terms, lexicon, fuzzy);
        } catch (RuleSyntaxException e) {
            throw new RuleDefinitionException(file, where + ": " + e.getMessage());
        }
    }

    private static List<String> expressions(String file, String where, JsonNode node, boolean required) {
        if (node == null) {
            if (required) {
                throw new RuleDefinitionException(file, where + ": required");
            }
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> list = stringList(file, where, node);
        if (required && list.isEmpty()) {
            throw new RuleDefinitionException(file, where + ": required");
        }
        return list;
    }

    private static List<String> stringList(String file, String where, JsonNode node) {
        if (!node.isArray()) {
            throw new RuleDefinitionException(file, where + ": expected a list");
        }
        var out = new ArrayList<String>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
                throw new RuleDefinitionException(file, where + "[" + i + "]: expected text");
            }
            out.add(v.asText());
        }
        return out;
    }

    private static void checkKeys(String file, String where, JsonNode node, Set<String> allowed) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new RuleDefinitionException(file, (where.isEmpty() ? "" : where + ": ") + "unknown key '" + k
                        + "' (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        });
    }

    private static String requiredText(String file, String where, JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new RuleDefinitionException(file, (where.isEmpty() ? "" : where + ": ") + key + ": required");
        }
        return v.asText().strip();
    }

    private static boolean bool(String file, String where, JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw new RuleDefinitionException(file, where + ": " + key + ": expected true or false");
        }
        return v.asBoolean();
    }

    private static <E extends Enum<E>> E enumValue(String file, String where, String key, Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleDefinitionException(file, where + ": " + key + ": unknown value '" + value + "'");
        }
    }

    /** Term-set nodes the rules refer to. */
    private static Set<Integer> usedNodes(List<CompiledRule> rules) {
        var used = new HashSet<Integer>();
        for (CompiledRule r : rules) {
            addNodes(r.mustAny(), used);
            r.mustAll().forEach(e -> addNodes(e, used));
            r.mustNot().forEach(e -> addNodes(e, used));
            r.exceptions().forEach(x -> addNodes(x.terms(), used));
            if (r.allow() != null) {
                addNodes(r.allow(), used);
            }
        }
        return used;
    }

    private static void addNodes(Expr e, Set<Integer> out) {
        switch (e) {
            case Expr.Terms t -> out.add(t.node());
            case Expr.Or or -> or.alternatives().forEach(a -> addNodes(a, out));
            case Expr.Near n -> {
                addNodes(n.left(), out);
                addNodes(n.right(), out);
            }
            case Expr.Number n -> { }
            case Expr.Regex r -> { }
        }
    }

    /** True when every way {@code e} can match involves a lexicon term: term hits then make it a candidate. */
    private static boolean needsTerms(Expr e) {
        return switch (e) {
            case Expr.Terms t -> true;
            case Expr.Or or -> or.alternatives().stream().allMatch(RuleCompiler::needsTerms);
            case Expr.Near n -> needsTerms(n.left()) || needsTerms(n.right());
            default -> false;
        };
    }

    private static boolean contains(Expr e, Class<? extends Expr> kind) {
        return switch (e) {
            case Expr.Or or -> or.alternatives().stream().anyMatch(a -> contains(a, kind));
            case Expr.Near n -> contains(n.left(), kind) || contains(n.right(), kind);
            default -> kind.isInstance(e);
        };
    }
}
