package io.chatguard.platform.db;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Plain JDBC work on a pooled connection enlisted in a JTA transaction, for set-based SQL that entities do not fit. */
@ApplicationScoped
public class Jdbc {
    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work with a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Runs {@code work} in the caller's transaction, or in a new one when there is none. */
    public <T> T inTransaction(Work<T> work) {
        return QuarkusTransaction.joiningExisting().call(() -> withConnection(work));
    }

    /** Runs {@code work} in a transaction of its own, committed when it returns. */
    public <T> T inNewTransaction(Work<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> withConnection(work));
    }

    private <T> T withConnection(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        }
    }
}
