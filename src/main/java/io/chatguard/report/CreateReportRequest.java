package io.chatguard.report;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A report to export: alerts raised in {@code [from, to)} matching the filter lists (empty: all).
 *
 * @param title title shown on the report
 * @param from period start, inclusive
 * @param to period end, exclusive
 * @param employees employee userids
 * @param categories compliance categories
 * @param outcomes review outcomes, see {@link ReportFilter}
 */
public record CreateReportRequest(@NotBlank(message = "is required") @Size(max = 200) String title,
        @NotNull(message = "is required") Instant from, @NotNull(message = "is required") Instant to,
        @Size(max = 500) List<@NotBlank String> employees,
        @Size(max = 50) List<@Pattern(regexp = "[a-z][a-z0-9_]{0,63}", message = "must be a category id") String> categories,
        List<@Pattern(regexp = "open|claimed|escalated|violation|false_positive|no_action",
                message = "must be open, claimed, escalated, violation, false_positive or no_action") String> outcomes) {

    ReportFilter filter() {
        return new ReportFilter(employees, categories, outcomes);
    }
}
