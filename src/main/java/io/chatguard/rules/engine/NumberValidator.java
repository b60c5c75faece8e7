package io.chatguard.rules.engine;

/** Validators for numbers that identify a person: checked on digit runs of the normalised text. */
enum NumberValidator {
    /** Mainland resident ID (GB 11643): 17 digits and a check char, a plausible birth date. */
    IDCARD("身份证号") {
        @Override
        int match(char[] s, int start, int end, int length) {
            int digits = end - start;
            if (digits == 18 && validId(s, start, s[end - 1])) {
                return end;
            }
            if (digits == 17 && end < length && s[end] == 'x' && validId(s, start, 'x')) {
                return end + 1;
            }
            return -1;
        }
    },
    /** Bank card: 16 to 19 digits, a card-scheme first digit, Luhn check digit. */
    BANKCARD("银行卡号") {
        @Override
        int match(char[] s, int start, int end, int length) {
            int digits = end - start;
            if (digits < 16 || digits > 19 || "34569".indexOf(s[start]) < 0) {
                return -1;
            }
            int sum = 0;
            for (int i = end - 1, k = 0; i >= start; i--, k++) {
                int d = s[i] - '0';
                if (k % 2 == 1) {
                    d *= 2;
                    if (d > 9) {
                        d -= 9;
                    }
                }
                sum += d;
            }
            return sum % 10 == 0 ? end : -1;
        }
    },
    /** A price or small amount: 1 to 6 digits, with decimals ("9.8", "14.2", "35"). */
    PRICE("价位") {
        @Override
        int match(char[] s, int start, int end, int length) {
            int e = end;
            while (e + 1 < length && s[e] == '.' && isDigit(s[e + 1])) {
                e++;
                while (e < length && isDigit(s[e])) {
                    e++;
                }
            }
            return end - start <= 6 ? e : -1;
        }
    },
    /** Mainland mobile number: 11 digits starting 13–19. */
    MOBILE("手机号") {
        @Override
        int match(char[] s, int start, int end, int length) {
            return end - start == 11 && s[start] == '1' && s[start + 1] >= '3' ? end : -1;
        }
    };

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10x98765432";

    private final String label;

    NumberValidator(String label) {
        this.label = label;
    }

    /** What to call a match in a hit's {@code matched}. */
    String label() {
        return label;
    }

    /** Shortest digit run an identifying number (mobile, ID, card) can have. */
    static final int MIN_DIGITS = 11;

    /**
     * Checks the digit run {@code s[start, end)}; returns the end of the match (past a trailing check
     * letter) or -1.
     */
    abstract int match(char[] s, int start, int end, int length);

    static NumberValidator named(String name) {
        for (NumberValidator v : values()) {
            if (v.name().equalsIgnoreCase(name)) {
                return v;
            }
        }
        return null;
    }

    private static boolean validId(char[] s, int start, char check) {
        if (s[start] < '1' || s[start] > '8') {
            return false;
        }
        int year = num(s, start + 6, 4);
        int month = num(s, start + 10, 2);
        int day = num(s, start + 12, 2);
        if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (s[start + i] - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK.charAt(sum % 11) == check;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int num(char[] s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            v = v * 10 + (s[i] - '0');
        }
        return v;
    }
}
