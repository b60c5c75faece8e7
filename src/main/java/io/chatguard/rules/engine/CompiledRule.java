package io.chatguard.rules.engine;

import java.util.List;

import io.chatguard.rules.Decision;
import io.chatguard.rules.Severity;

/**
 * One rule, ready to evaluate. Immutable.
 *
 * @param index position in the snapshot
 * @param id stable id, {@code <category>.<name>}
 * @param category compliance category
 * @param severity severity
 * @param action BLOCK or WARN
 * @param name short Chinese name
 * @param description Chinese explanation shown to whoever triggered it
 * @param source the rule as written, for the rules page
 * @param mustAny where the rule hits: every surviving span is a hit
 * @param mustAll each must match somewhere in the message
 * @param mustNot none may match anywhere in the message
 * @param exceptions drop a hit when one of these matches in its window
 * @param allow drop a hit lying inside one of these phrases
 * @param numbers true when mustAny holds a number validator (evaluated for every message with long numbers)
 * @param regex true when mustAny holds a regex (evaluated for every message)
 * @param interceptWords words the rule vouches for as safe plain substrings, for WeCom's native
 *        interception (empty: none)
 */
record CompiledRule(int index, String id, String category, Severity severity, Decision action, String name,
        String description, RuleSource source, Expr mustAny, List<Expr> mustAll, List<Expr> mustNot,
        List<Exception> exceptions, Expr allow, boolean numbers, boolean regex, List<String> interceptWords) {

    CompiledRule {
        interceptWords = List.copyOf(interceptWords);
        mustAll = List.copyOf(mustAll);
        mustNot = List.copyOf(mustNot);
        exceptions = List.copyOf(exceptions);
    }

    /** Where an exception looks, relative to a hit. */
    enum Side {
        BEFORE, AFTER, AROUND,
        /** Between the parts of a NEAR/BEFORE hit: a negator between them ("密码您千万别发我"); never inside a single term. */
        INSIDE
    }

    /**
     * A context that cancels a hit: {@code terms} found within {@code distance} normalised chars on
     * {@code side} of it, in the same clause unless {@code sameClause} is false.
     */
    record Exception(Expr terms, Side side, int distance, boolean sameClause) {
    }

    /**
     * The rule as its file wrote it.
     *
     * @param file rule file name
     * @param mustAny expressions as written
     * @param mustAll expressions as written
     * @param mustNot expressions as written
     */
    record RuleSource(String file, List<String> mustAny, List<String> mustAll, List<String> mustNot) {
        RuleSource {
            mustAny = List.copyOf(mustAny);
            mustAll = List.copyOf(mustAll);
            mustNot = List.copyOf(mustNot);
        }
    }
}
