package io.chatguard.platform.error;

/**
 * Base of all domain exceptions. Each carries a {@link ProblemType} so that {@link ProblemMapper} can
 * map it to an HTTP status without the resource branching on it.
 */
public class ChatGuardException extends RuntimeException {
    private final ProblemType type;

    public ChatGuardException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ChatGuardException(ProblemType type, String detail, Throwable cause) {
        super(detail, cause);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
