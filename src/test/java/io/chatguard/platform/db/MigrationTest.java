package io.chatguard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Applies every migration to a brand-new empty database on the real PostgreSQL server, then checks
 * the invariants the schema itself enforces.
 */
class MigrationTest {
    private static final String HOST = System.getenv().getOrDefault("CHATGUARD_PG_HOST", "127.0.0.1");
    private static final String PORT = System.getenv().getOrDefault("CHATGUARD_PG_PORT", "5432");
    private static final String USER = System.getenv().getOrDefault("CHATGUARD_DB_USER", "chatguard");
    private static final String PASSWORD = System.getenv().getOrDefault("CHATGUARD_DB_PASSWORD", "chatguard");

    private String database;

    @BeforeEach
    void createEmptyDatabase() throws SQLException {
        database = "chatguard_migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect("postgres"); var st = c.createStatement()) {
            st.execute("create database " + database + " template template0 encoding 'UTF8'");
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (Connection c = connect("postgres"); var st = c.createStatement()) {
            st.execute("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    void everyMigrationAppliesToAnEmptyDatabaseAndASecondRunIsANoOp() throws SQLException {
        Flyway flyway = flyway();

        int applied = flyway.migrate().migrationsExecuted;
        int again = flyway.migrate().migrationsExecuted;

        assertThat(applied).isEqualTo(flyway.info().all().length).isPositive();
        assertThat(again).isZero();
        assertThat(tables()).containsAll(List.of("employee", "external_contact", "conversation", "chat_message",
                "ingest_cursor", "rule_set_version", "alert", "audit_event", "app_user", "api_token",
                "precheck_decision", "report", "report_share"));
    }

    @Test
    void auditLogRefusesUpdateDeleteAndTruncate() throws SQLException {
        flyway().migrate();
        try (Connection c = connect(database); var st = c.createStatement()) {
            st.execute("insert into audit_event (actor, action) values ('officer', 'message.read')");

            for (String change : List.of("update audit_event set actor = 'someone-else'", "delete from audit_event",
                    "truncate audit_event")) {
                assertThatThrownBy(() -> st.execute(change)).as(change)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("audit_event is append-only");
            }
            try (var rs = st.executeQuery("select count(*), min(actor) from audit_event")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("officer");
            }
        }
    }

    @Test
    void msgidIsUniqueSoAReplayedMessageCannotBeStoredTwice() throws SQLException {
        flyway().migrate();
        String insert = "insert into chat_message (msgid, action, msgtime, msgtype, raw, source)"
                + " values ('CAQQluDa4QUY0On2rYSAgAMgzPrShAE=', 'send', now(), 'text', '{}'::jsonb, 'archive')";
        try (Connection c = connect(database); var st = c.createStatement()) {
            st.execute(insert);
            assertThatThrownBy(() -> st.execute(insert))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("23505");
        }
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(url(database), USER, PASSWORD)
                .locations("classpath:db/migration")
                .load();
    }

    private List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = connect(database); var st = c.createStatement();
                var rs = st.executeQuery("select table_name from information_schema.tables where table_schema = 'public'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(url(db), USER, PASSWORD);
    }

    private static String url(String db) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + db;
    }
}
