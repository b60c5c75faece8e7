package io.chatguard.report;

import java.util.List;

/**
 * Which alerts of the period a report covers; an empty list means no restriction.
 *
 * @param employees employee userids
 * @param categories compliance categories (e.g. guarantee_return)
 * @param outcomes where review stands: {@code open}, {@code claimed}, {@code escalated} for alerts not closed,
 *     {@code violation}, {@code false_positive}, {@code no_action} for closed ones
 */
public record ReportFilter(List<String> employees, List<String> categories, List<String> outcomes) {
    static final List<String> OUTCOMES = List.of("open", "claimed", "escalated", "violation", "false_positive", "no_action");

    public ReportFilter {
        employees = employees == null ? List.of() : List.copyOf(employees);
        categories = categories == null ? List.of() : List.copyOf(categories);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }
}
