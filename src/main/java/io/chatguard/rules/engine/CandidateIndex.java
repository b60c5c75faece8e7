package io.chatguard.rules.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which rule alternatives a term hit makes worth evaluating. Each top-level alternative of a rule's
 * mustAny is anchored on the cheapest set of terms every match of it needs (a NEAR's rarer side),
 * ranked by {@link TermTable#commonness}: a message holding only common context words ("您", "不")
 * then evaluates nothing, and a candidate rule evaluates only the alternatives its hits anchor.
 * Immutable.
 */
final class CandidateIndex {
    /** Every rule's top-level mustAny alternatives, rule by rule. */
    final Expr[] alternatives;
    /** Alternative → its rule's index. */
    final int[] ruleOf;
    /** Rule → its first alternative; {@code firstOf[ruleCount]} is the alternative count. */
    final int[] firstOf;
    /** Alternatives that can match without any term (a number validator or regex): always evaluated. */
    final boolean[] free;
    /** Term → the alternatives it anchors: {@code anchored[anchoredStart[t] .. anchoredStart[t + 1])}, flat for locality. */
    final int[] anchoredStart;
    final int[] anchored;

    private CandidateIndex(Expr[] alternatives, int[] ruleOf, int[] firstOf, boolean[] free, int[] anchoredStart,
            int[] anchored) {
        this.alternatives = alternatives;
        this.ruleOf = ruleOf;
        this.firstOf = firstOf;
        this.free = free;
        this.anchoredStart = anchoredStart;
        this.anchored = anchored;
    }

    static CandidateIndex of(List<CompiledRule> rules, TermTable terms) {
        var alternatives = new ArrayList<Expr>();
        var ruleOf = new ArrayList<Integer>();
        int[] firstOf = new int[rules.size() + 1];
        for (CompiledRule r : rules) {
            firstOf[r.index()] = alternatives.size();
            List<Expr> alts = r.mustAny() instanceof Expr.Or or ? or.alternatives() : List.of(r.mustAny());
            for (Expr alt : alts) {
                alternatives.add(alt);
                ruleOf.add(r.index());
            }
        }
        firstOf[rules.size()] = alternatives.size();
        boolean[] free = new boolean[alternatives.size()];
        var lists = new ArrayList<List<Integer>>();
        for (int i = 0; i < terms.size(); i++) {
            lists.add(new ArrayList<>(2));
        }
        for (int a = 0; a < alternatives.size(); a++) {
            Anchor anchor = anchor(alternatives.get(a), terms);
            free[a] = anchor.free();
            for (int t : anchor.terms()) {
                lists.get(t).add(a);
            }
        }
        int[] anchoredStart = new int[lists.size() + 1];
        int[] anchored = new int[lists.stream().mapToInt(List::size).sum()];
        for (int t = 0, k = 0; t < lists.size(); t++) {
            anchoredStart[t] = k;
            for (int a : lists.get(t)) {
                anchored[k++] = a;
            }
            anchoredStart[t + 1] = k;
        }
        return new CandidateIndex(alternatives.toArray(Expr[]::new), ruleOf.stream().mapToInt(Integer::intValue).toArray(),
                firstOf, free, anchoredStart, anchored);
    }

    int alternativeCount() {
        return alternatives.length;
    }

    /**
     * Terms one of which every match of an expression needs, unless {@code free}: then it can also
     * match through a number or regex alternative alone. {@code cost}: how common the terms are.
     */
    private record Anchor(Set<Integer> terms, double cost, boolean free) {
    }

    private static Anchor anchor(Expr e, TermTable terms) {
        return switch (e) {
            case Expr.Terms t -> {
                var ids = new HashSet<Integer>();
                for (int id : t.termIds()) {
                    ids.add(id);
                }
                yield new Anchor(ids, cost(ids, terms), false);
            }
            case Expr.Or or -> {
                var ids = new HashSet<Integer>();
                boolean free = false;
                for (Expr alt : or.alternatives()) {
                    Anchor a = anchor(alt, terms);
                    ids.addAll(a.terms());
                    free |= a.free();
                }
                yield new Anchor(ids, cost(ids, terms), free);
            }
            case Expr.Near n -> {
                Anchor l = anchor(n.left(), terms);
                Anchor r = anchor(n.right(), terms);
                if (l.free() != r.free()) {
                    yield l.free() ? r : l;
                }
                yield l.cost() <= r.cost() ? l : r;
            }
            case Expr.Number n -> new Anchor(Set.of(), 0, true);
            case Expr.Regex r -> new Anchor(Set.of(), 0, true);
        };
    }

    private static double cost(Set<Integer> ids, TermTable terms) {
        double cost = 0;
        for (int id : ids) {
            cost += terms.commonness(id);
        }
        return cost;
    }
}
