package io.chatguard.rules.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.chatguard.rules.engine.MatchContext;
import io.chatguard.rules.engine.RuleCompiler;
import io.chatguard.rules.engine.RuleSnapshot;
import io.chatguard.rules.engine.RuleSources;
import io.chatguard.rules.text.Normalizer;
import io.chatguard.rules.text.PinyinTable;

/**
 * Command line behind {@code scripts/rules-eval}: {@code RulesEval [--rules DIR] FILE.jsonl...}
 * prints the {@link CorpusEvaluation} report for the rules in DIR (default {@code rules}).
 * Exits 2 on bad arguments or rules that do not compile.
 */
public final class RulesEval {
    private RulesEval() {
    }

    public static void main(String[] args) {
        Path rules = Path.of("rules");
        var files = new ArrayList<Path>();
        for (int i = 0; i < args.length; i++) {
            if ("--rules".equals(args[i]) && i + 1 < args.length) {
                rules = Path.of(args[++i]);
            } else {
                files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: scripts/rules-eval [--rules DIR] FILE.jsonl...");
            System.exit(2);
        }
        RuleSnapshot snapshot;
        try {
            snapshot = new RuleCompiler(new Normalizer(new PinyinTable())).compile(RuleSources.read(rules));
        } catch (RuntimeException e) {
            System.err.println("rules rejected: " + e.getMessage());
            System.exit(2);
            return;
        }
        var messages = new ArrayList<LabelledMessage>();
        for (Path f : files) {
            messages.addAll(CorpusEvaluation.read(f));
        }
        var ctx = new MatchContext();
        System.out.printf("rules %s (%d rules, %d terms) on %s%n%n", snapshot.version(), snapshot.ruleCount(),
                snapshot.termCount(), List.copyOf(files));
        System.out.print(CorpusEvaluation.evaluate(messages, text -> snapshot.check(text, ctx)).format());
    }
}
