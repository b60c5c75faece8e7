package io.chatguard.rules.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.chatguard.platform.storage.Sha256;

/**
 * The text of one rules version: rule files ({@code *.yaml} in the rules directory) and lexicons
 * ({@code lexicons/*.txt}), keyed by their path relative to the directory. The version is derived
 * from the content, so the same files give the same version on every instance.
 *
 * @param files file text by relative path, sorted
 * @param version {@code r-} and the first 12 hex digits of a SHA-256 over all names and contents
 */
public record RuleSources(Map<String, String> files, String version) {

    public RuleSources {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** Sources from in-memory files (tests, the reload API's dry run). */
    public static RuleSources of(Map<String, String> files) {
        var sorted = new TreeMap<>(files);
        var all = new StringBuilder();
        sorted.forEach((name, text) -> all.append(name).append('\0').append(Sha256.hex(text.getBytes(StandardCharsets.UTF_8))).append('\n'));
        return new RuleSources(sorted, "r-" + Sha256.hex(all.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12));
    }

    /** Reads every rule file and lexicon under {@code dir}. */
    public static RuleSources read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RuleDefinitionException(dir.toString(), "rules directory does not exist");
        }
        var files = new TreeMap<String, String>();
        try {
            try (Stream<Path> top = Files.list(dir)) {
                for (Path p : top.filter(Files::isRegularFile).sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                        files.put(name, Files.readString(p, StandardCharsets.UTF_8));
                    }
                }
            }
            Path lexicons = dir.resolve("lexicons");
            if (Files.isDirectory(lexicons)) {
                try (Stream<Path> lex = Files.list(lexicons)) {
                    for (Path p : lex.filter(Files::isRegularFile).sorted().toList()) {
                        if (p.getFileName().toString().endsWith(".txt")) {
                            files.put("lexicons/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new RuleDefinitionException(dir.toString(), "a rule file is not valid UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules from " + dir, e);
        }
        if (files.keySet().stream().noneMatch(n -> !n.startsWith("lexicons/"))) {
            throw new RuleDefinitionException(dir.toString(), "no rule files (*.yaml) in the rules directory");
        }
        return of(files);
    }

    /** SHA-256 of each file. */
    public Map<String, String> hashes() {
        var out = new TreeMap<String, String>();
        files.forEach((n, t) -> out.put(n, Sha256.hex(t.getBytes(StandardCharsets.UTF_8))));
        return out;
    }
}
