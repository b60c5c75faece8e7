package io.chatguard.rules.engine;

/**
 * Where an expression matched, in normalised script positions.
 *
 * @param start first script char
 * @param end end (exclusive)
 * @param matched the canonical terms that matched, e.g. "本金…不会亏"
 */
record Span(int start, int end, String matched) {
}
