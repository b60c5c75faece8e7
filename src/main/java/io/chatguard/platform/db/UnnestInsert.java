package io.chatguard.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An {@code INSERT … SELECT FROM unnest(arrays)} for a batch of rows: one statement, one round trip and one
 * plan whatever the batch size, where per-row inserts cost a round trip (or a JDBC batch) each. Columns are
 * declared once, with their value, so names, types and bound arrays cannot get out of step. Rows are
 * inserted in list order. Immutable: declare one per table as a constant.
 *
 * <pre>{@code
 * UnnestInsert<Finding> INSERT = UnnestInsert.<Finding>into("finding")
 *         .bigint("message_id", f -> f.messageId).text("rule_id", f -> f.ruleId);
 * try (var ps = INSERT.prepare(connection, findings, "id")) { ... }
 * }</pre>
 */
public final class UnnestInsert<T> {
    private record Column<T>(String name, String type, Function<T, ?> value) {
    }

    private final String table;
    private final List<Column<T>> columns;

    private UnnestInsert(String table, List<Column<T>> columns) {
        this.table = table;
        this.columns = List.copyOf(columns);
    }

    public static <T> UnnestInsert<T> into(String table) {
        return new UnnestInsert<>(table, List.of());
    }

    public UnnestInsert<T> text(String name, Function<T, String> value) {
        return with(name, "text", value);
    }

    public UnnestInsert<T> bigint(String name, Function<T, Long> value) {
        return with(name, "bigint", value);
    }

    public UnnestInsert<T> integer(String name, Function<T, Integer> value) {
        return with(name, "integer", value);
    }

    /** A JSON column; values are JSON text. */
    public UnnestInsert<T> jsonb(String name, Function<T, String> value) {
        return with(name, "jsonb", value);
    }

    /** A time column. Times travel as ISO-8601 text, so the session's time zone plays no part. */
    public UnnestInsert<T> timestamptz(String name, Function<T, Instant> value) {
        return with(name, "timestamptz", row -> {
            Instant t = value.apply(row);
            return t == null ? null : t.toString();
        });
    }

    private UnnestInsert<T> with(String name, String type, Function<T, ?> value) {
        var more = new ArrayList<>(columns);
        more.add(new Column<>(name, type, value));
        return new UnnestInsert<>(table, more);
    }

    /** The statement, with {@code returning} appended when not blank (e.g. {@code "id"}). */
    public String sql(String returning) {
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String arrays = columns.stream().map(c -> "cast(? as " + c.type() + "[])").collect(Collectors.joining(", "));
        return "insert into " + table + " (" + names + ") select " + names + " from unnest(" + arrays
                + ") with ordinality as r(" + names + ", batch_order) order by batch_order"
                + (returning == null || returning.isBlank() ? "" : " returning " + returning);
    }

    /** The statement for {@code rows}, every array bound. Caller closes. */
    public PreparedStatement prepare(Connection c, List<T> rows, String returning) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql(returning));
        boolean bound = false;
        try {
            for (int i = 0; i < columns.size(); i++) {
                Column<T> column = columns.get(i);
                // Text arrays for types the driver has no Java mapping for; the cast in the SQL converts them.
                String arrayType = switch (column.type()) {
                    case "bigint", "integer" -> column.type();
                    default -> "text";
                };
                ps.setArray(i + 1, c.createArrayOf(arrayType, rows.stream().map(column.value()).toArray()));
            }
            bound = true;
            return ps;
        } finally {
            if (!bound) {
                ps.close();
            }
        }
    }
}
