package io.chatguard.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs the packaged service as a real process in the prod profile (the default of a packaged run).
 */
class ProdProfileIT {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String LOCAL_USER = System.getenv().getOrDefault("CHATGUARD_DB_USER", "chatguard");
    private static final String LOCAL_PASSWORD = System.getenv().getOrDefault("CHATGUARD_DB_PASSWORD", "chatguard");

    @Test
    void refusesToStartWithDemoSecretsNamingEachOne() throws Exception {
        Path log = Files.createTempFile("chatguard-prod-refusal", ".log");
        Process process = start(log, Map.of(
                "CHATGUARD_DB_URL", PG + "chatguard_test",
                "CHATGUARD_DB_PASSWORD", "chatguard",
                "CHATGUARD_S3_ACCESS_KEY", "chatguard-local",
                "CHATGUARD_S3_SECRET_KEY", "chatguard-local-secret",
                "CHATGUARD_DEMO_SEED", "true",
                "CHATGUARD_ARCHIVE_SOURCE", "simulator"), freePort());

        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(exited).as("process exited by itself; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("ChatGuard refuses to start with demo or missing secrets",
                "chatguard.demo.seed must be false",
                "quarkus.http.auth.session.encryption-key",
                "chatguard.storage.secret-key is the local S3Proxy value",
                "quarkus.datasource.password is the local development value",
                "chatguard.archive.source=simulator");
    }

    @Test
    void startsWithRealSecretsSeedsNothingAndCreatesOnlyTheBootstrapAdmin() throws Exception {
        String suffix = randomHex(6);
        String role = "cg_it_" + suffix;
        String dbPassword = randomHex(16);
        String adminPassword = "初始管理员-" + randomHex(8);
        try (Connection c = DriverManager.getConnection(PG + "postgres", LOCAL_USER, LOCAL_PASSWORD);
                var st = c.createStatement()) {
            st.execute("create role " + role + " login password '" + dbPassword + "'");
            st.execute("grant " + role + " to current_user");
            st.execute("create database " + role + " owner " + role + " template template0 encoding 'UTF8'");
        }
        Path log = Files.createTempFile("chatguard-prod", ".log");
        int port = freePort();
        Process process = start(log, Map.of(
                "CHATGUARD_DB_URL", PG + role,
                "CHATGUARD_DB_USER", role,
                "CHATGUARD_DB_PASSWORD", dbPassword,
                // Not the local S3Proxy's credentials: storage is reachable but refuses them.
                "CHATGUARD_S3_ACCESS_KEY", "it-" + suffix,
                "CHATGUARD_S3_SECRET_KEY", randomHex(20),
                "CHATGUARD_SESSION_KEY", randomHex(24),
                "CHATGUARD_BOOTSTRAP_ADMIN_PASSWORD", adminPassword), port);
        try {
            String base = "http://127.0.0.1:" + port;
            awaitLive(base, process, log);

            given().baseUri(base).auth().oauth2("demo-admin-token").get("/api/v1/me").then().statusCode(401);
            given().baseUri(base).redirects().follow(false)
                    .formParam("j_username", "officer").formParam("j_password", "chatguard-demo")
                    .post("/j_security_check")
                    .then().header("Location", org.hamcrest.Matchers.endsWith("/login.html?error=1"));
            String cookie = given().baseUri(base).redirects().follow(false)
                    .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                    .formParam("j_username", "admin").formParam("j_password", adminPassword)
                    .post("/j_security_check")
                    .then().statusCode(302).extract().cookie("quarkus-credential");
            given().baseUri(base).cookie("quarkus-credential", cookie).get("/api/v1/me")
                    .then().statusCode(200)
                    .body("name", equalTo("admin"))
                    .body("roles", contains("admin"));
            // Wrong S3 credentials must show as not ready, never as a silent UP.
            given().baseUri(base).get("/q/health/ready")
                    .then().statusCode(503)
                    .body("checks.find { it.name == 'Object storage' }.status", equalTo("DOWN"));
            assertThat(count(role, dbPassword, "select count(*) from app_user")).isEqualTo(1);
            assertThat(count(role, dbPassword, "select count(*) from api_token")).isZero();
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try (Connection c = DriverManager.getConnection(PG + "postgres", LOCAL_USER, LOCAL_PASSWORD);
                    var st = c.createStatement()) {
                st.execute("drop database if exists " + role + " with (force)");
                st.execute("drop role if exists " + role);
            }
        }
    }

    private static Process start(Path log, Map<String, String> env, int port) throws IOException {
        assertThat(JAR).exists();
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        var environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("CHATGUARD_") || k.startsWith("QUARKUS_"));
        environment.put("CHATGUARD_S3_BUCKET", "chatguard-test-evidence");
        environment.putAll(env);
        return builder.start();
    }

    private static void awaitLive(String base, Process process, Path log) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var request = HttpRequest.newBuilder(URI.create(base + "/q/health/live")).build();
        org.awaitility.Awaitility.await("service live")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("service exited: " + Files.readString(log));
                    }
                    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    private static long count(String db, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + db, db, password); var st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
