package io.chatguard.rules.engine;

import io.chatguard.platform.error.ChatGuardException;
import io.chatguard.platform.error.ProblemType;

/**
 * A rules version that cannot be compiled. The message names the file and the place in it, e.g.
 * {@code guarantee_return.yaml: rules[2] (principal): mustAny[0]: unknown lexicon @negatoin at column 1}.
 */
public final class RuleDefinitionException extends ChatGuardException {
    private final String file;

    public RuleDefinitionException(String file, String message) {
        super(ProblemType.RULE_INVALID, file + ": " + message);
        this.file = file;
    }

    /** The offending file, relative to the rules directory. */
    public String file() {
        return file;
    }
}
