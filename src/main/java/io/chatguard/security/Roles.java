package io.chatguard.security;

import java.util.Set;

/** Role names used in {@code @RolesAllowed} and stored with users and API tokens. */
public final class Roles {
    /** Advisors' clients: pre-send checks. */
    public static final String ADVISOR = "advisor";
    /** Compliance officers: search, alert review, reports. */
    public static final String OFFICER = "officer";
    /** Regulators: read reports shared with them. */
    public static final String REGULATOR = "regulator";
    /** Operators: tokens, ingestion, rules, audit log. */
    public static final String ADMIN = "admin";

    public static final Set<String> ALL = Set.of(ADVISOR, OFFICER, REGULATOR, ADMIN);

    private Roles() {
    }

    /** Parses a comma-separated list, rejecting unknown names. */
    public static Set<String> parse(String csv) {
        var roles = new java.util.TreeSet<String>();
        for (String part : csv.split(",")) {
            String role = part.trim();
            if (role.isEmpty()) {
                continue;
            }
            if (!ALL.contains(role)) {
                throw new IllegalArgumentException("unknown role: " + role);
            }
            roles.add(role);
        }
        return Set.copyOf(roles);
    }

    static String format(Set<String> roles) {
        return String.join(",", new java.util.TreeSet<>(roles));
    }
}
