package io.chatguard.rules.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chatguard.rules.Decision;
import io.chatguard.rules.RuleHit;
import io.chatguard.rules.RuleVerdict;

/**
 * Scores a rules version against labelled messages: per-category precision and recall, violation and
 * evasion recall, hard-negative false positives, exact decision accuracy, and every miss.
 *
 * <p>A category counts as detected for a message when some hit has that category; a violation counts
 * as caught when the decision is not PASS.
 */
public final class CorpusEvaluation {

    /**
     * One message's outcome.
     *
     * @param message the labelled message
     * @param verdict what the engine said
     */
    public record Outcome(LabelledMessage message, RuleVerdict verdict) {
        public boolean exact() {
            return verdict.decision() == message.expect();
        }

        public boolean caught() {
            return verdict.decision() != Decision.PASS;
        }

        public boolean hasCategory(String category) {
            return verdict.hits().stream().anyMatch(h -> h.category().equals(category));
        }
    }

    /**
     * Counts for one category.
     *
     * @param category category id
     * @param expected labelled messages of this category
     * @param detected of those, how many had a hit of this category
     * @param flagged messages with a hit of this category
     * @param wrong of those, how many were labelled otherwise
     */
    public record CategoryScore(String category, int expected, int detected, int flagged, int wrong) {
        public double recall() {
            return expected == 0 ? 1 : (double) detected / expected;
        }

        public double precision() {
            return flagged == 0 ? 1 : (double) (flagged - wrong) / flagged;
        }
    }

    /**
     * The whole score.
     *
     * @param outcomes every message's outcome
     * @param categories per-category scores, by id
     */
    public record Report(List<Outcome> outcomes, Map<String, CategoryScore> categories) {
        public double violationRecall() {
            return ratio(outcomes.stream().filter(o -> o.message().violation()).toList(), Outcome::caught);
        }

        public double evasionRecall() {
            return ratio(outcomes.stream().filter(o -> o.message().evasive()).toList(), Outcome::caught);
        }

        /** Share of clean messages flagged (WARN or BLOCK); 0 when there are none. */
        public double cleanFalsePositiveRate() {
            return rate(outcomes.stream().filter(o -> !o.message().violation()).toList(), Outcome::caught);
        }

        /** Share of hard negatives (clean, note starts with HN) flagged; 0 when there are none. */
        public double hardNegativeFalsePositiveRate() {
            return rate(outcomes.stream().filter(o -> o.message().hardNegative()).toList(), Outcome::caught);
        }

        public double decisionAccuracy() {
            return ratio(outcomes, Outcome::exact);
        }

        public List<Outcome> misses() {
            return outcomes.stream().filter(o -> !o.exact()).toList();
        }

        /** A success ratio: 1 over an empty list (nothing was missed). */
        private static double ratio(List<Outcome> list, java.util.function.Predicate<Outcome> p) {
            return list.isEmpty() ? 1 : rate(list, p);
        }

        /** An error rate: 0 over an empty list (nothing went wrong). */
        private static double rate(List<Outcome> list, java.util.function.Predicate<Outcome> p) {
            return list.isEmpty() ? 0 : (double) list.stream().filter(p).count() / list.size();
        }

        /** The printable report: a table, the headline figures, then every miss. */
        public String format() {
            var sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-22s %8s %8s %9s %7s%n", "category", "expected", "recall", "precision", "flagged"));
            categories.values().forEach(c -> sb.append(String.format(Locale.ROOT, "%-22s %8d %8.3f %9.3f %7d%n",
                    c.category(), c.expected(), c.recall(), c.precision(), c.flagged())));
            long violations = outcomes.stream().filter(o -> o.message().violation()).count();
            long evasive = outcomes.stream().filter(o -> o.message().evasive()).count();
            long clean = outcomes.stream().filter(o -> !o.message().violation()).count();
            long hard = outcomes.stream().filter(o -> o.message().hardNegative()).count();
            sb.append(String.format(Locale.ROOT, "%nmessages=%d violations=%d evasive=%d clean=%d hard_negatives=%d%n",
                    outcomes.size(), violations, evasive, clean, hard));
            sb.append(String.format(Locale.ROOT,
                    "violation_recall=%.3f evasion_recall=%.3f clean_fp=%.3f hard_negative_fp=%.3f decision_accuracy=%.3f%n",
                    violationRecall(), evasionRecall(), cleanFalsePositiveRate(), hardNegativeFalsePositiveRate(),
                    decisionAccuracy()));
            List<Outcome> misses = misses();
            sb.append(String.format(Locale.ROOT, "%nmisses (%d):%n", misses.size()));
            for (Outcome o : misses) {
                LabelledMessage m = o.message();
                sb.append(String.format(Locale.ROOT, "  %-12s expect=%-5s got=%-5s %-22s %-18s %s%n", m.id(), m.expect(),
                        o.verdict().decision(), m.category(), m.evasion(), m.text()));
                for (RuleHit h : o.verdict().hits()) {
                    sb.append(String.format(Locale.ROOT, "      hit %s %s matched=%s original=%s%n", h.ruleId(), h.action(),
                            h.matched(), h.original()));
                }
            }
            return sb.toString();
        }
    }

    private CorpusEvaluation() {
    }

    /** Reads a JSON Lines corpus; a malformed line fails with its number. */
    public static List<LabelledMessage> read(Path file) {
        var json = new ObjectMapper();
        var out = new ArrayList<LabelledMessage>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode n = json.readTree(line);
                out.add(new LabelledMessage(n.path("id").asText(file.getFileName() + ":" + (i + 1)), n.get("text").asText(),
                        Decision.valueOf(n.get("expect").asText().toUpperCase(Locale.ROOT)), n.path("category").asText("clean"),
                        n.path("evasion").asText("none"), n.path("note").asText("")));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not a labelled message: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Checks every message with {@code check} and scores the outcomes. */
    public static Report evaluate(List<LabelledMessage> messages, Function<String, RuleVerdict> check) {
        var outcomes = new ArrayList<Outcome>(messages.size());
        for (LabelledMessage m : messages) {
            outcomes.add(new Outcome(m, check.apply(m.text())));
        }
        var categories = new TreeMap<String, CategoryScore>();
        var names = new java.util.TreeSet<String>();
        outcomes.forEach(o -> {
            if (o.message().violation()) {
                names.add(o.message().category());
            }
            o.verdict().hits().forEach(h -> names.add(h.category()));
        });
        for (String c : names) {
            int expected = 0;
            int detected = 0;
            int flagged = 0;
            int wrong = 0;
            for (Outcome o : outcomes) {
                boolean labelled = o.message().violation() && o.message().category().equals(c);
                boolean hit = o.hasCategory(c);
                if (labelled) {
                    expected++;
                    if (hit) {
                        detected++;
                    }
                }
                if (hit) {
                    flagged++;
                    if (!labelled) {
                        wrong++;
                    }
                }
            }
            categories.put(c, new CategoryScore(c, expected, detected, flagged, wrong));
        }
        return new Report(outcomes, categories);
    }
}
