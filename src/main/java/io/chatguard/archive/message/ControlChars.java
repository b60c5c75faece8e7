package io.chatguard.archive.message;

/**
 * Makes decrypted WeCom JSON parseable when it carries raw control characters (U+0000–U+001F), which JSON
 * forbids inside string literals. Stateless and thread-safe.
 */
final class ControlChars {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ControlChars() {
    }

    /**
     * Escapes every raw control character inside a string literal as a six-character JSON escape
     * (backslash, {@code u00}, two hex digits) and drops those outside string literals, except JSON
     * whitespace (tab, LF, CR).
     *
     * @return {@code json} itself (same instance) when nothing had to change, so callers can detect a change
     *         with {@code !=}
     */
    static String escape(String json) {
        // Fast path: one scan, no allocation for the common clean record.
        int first = firstControl(json);
        if (first < 0) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length() + 16);
        boolean inString = false;
        int n = json.length();
        for (int i = 0; i < n; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    char next = i + 1 < n ? json.charAt(i + 1) : 0;
                    if (i + 1 < n && next < 0x20) {
                        // A backslash before a raw control char is no valid escape: keep both as literal content.
                        out.append("\\\\");
                        appendEscaped(out, next);
                    } else if (i + 1 < n) {
                        out.append(c).append(next);
                    } else {
                        out.append(c);
                    }
                    i++;
                } else if (c == '"') {
                    inString = false;
                    out.append(c);
                } else if (c < 0x20) {
                    appendEscaped(out, c);
                } else {
                    out.append(c);
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                out.append(c);
            }
            // Other control chars between tokens carry no content; dropping them is lossless.
        }
        return out.toString();
    }

    /** Index of the first control char that {@link #escape} must change, or -1; whitespace between tokens is fine. */
    private static int firstControl(String json) {
        boolean inString = false;
        for (int i = 0, n = json.length(); i < n; i++) {
            char c = json.charAt(i);
            if (c < 0x20) {
                if (inString || (c != '\t' && c != '\n' && c != '\r')) {
                    return i;
                }
            } else if (inString) {
                if (c == '\\') {
                    i++;
                    if (i < n && json.charAt(i) < 0x20) {
                        return i;
                    }
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            }
        }
        return -1;
    }

    private static void appendEscaped(StringBuilder out, char c) {
        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
    }
}
