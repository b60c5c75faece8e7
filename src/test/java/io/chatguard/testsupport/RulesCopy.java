package io.chatguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** A private, editable copy of the shipped {@code rules/} for tests that change rule files. */
public final class RulesCopy {
    private RulesCopy() {
    }

    /** Replaces whatever is at {@code dir} with a fresh copy of {@code rules/}; returns {@code dir}. */
    public static Path into(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Path source = Path.of("rules");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : files.toList()) {
                    Path target = dir.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
