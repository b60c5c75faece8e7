package io.chatguard.rules.engine;

/** A rule expression or term that cannot be compiled; the message says where. */
final class RuleSyntaxException extends RuntimeException {
    RuleSyntaxException(String message) {
        super(message);
    }
}
