package io.chatguard.platform.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Column values as SQL arrays, for writing a batch of rows in one statement with {@code unnest(...)}: one
 * round trip and one statement plan whatever the batch size. Times travel as ISO-8601 text; cast them
 * with {@code cast(? as timestamptz[])}, so the session's time zone plays no part.
 */
public final class SqlArrays {
    private SqlArrays() {
    }

    public static <T> Array texts(Connection c, List<T> rows, Function<T, String> column) throws SQLException {
        return c.createArrayOf("text", rows.stream().map(column).toArray());
    }

    public static <T> Array longs(Connection c, List<T> rows, Function<T, Long> column) throws SQLException {
        return c.createArrayOf("bigint", rows.stream().map(column).toArray());
    }

    public static <T> Array ints(Connection c, List<T> rows, Function<T, Integer> column) throws SQLException {
        return c.createArrayOf("integer", rows.stream().map(column).toArray());
    }

    /** Times as ISO-8601 text (null stays null). */
    public static <T> Array instants(Connection c, List<T> rows, Function<T, Instant> column) throws SQLException {
        return c.createArrayOf("text", rows.stream().map(column).map(t -> t == null ? null : t.toString()).toArray());
    }
}
