package org.lifeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresTest {

    @TempDir
    Path tempDir;

    @Test
    void createsADatabaseAndKeepsItsDataAcrossRestarts() throws SQLException {
        Path dataDir = tempDir.resolve("postgres");
        try (Postgres postgres = Postgres.start(dataDir, 0)) {
            postgres.createDatabaseIfMissing("relief");
            postgres.createDatabaseIfMissing("relief");
            try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE needs (name text)");
                statement.execute("INSERT INTO needs VALUES ('water')");
            }
        }
        try (Postgres postgres = Postgres.start(dataDir, 0)) {
            postgres.createDatabaseIfMissing("relief");
            try (Connection connection = connect(postgres);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name FROM needs")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("water");
            }
        }
    }

    @Test
    void throwawayServerAnswersOnItsUrls() throws SQLException {
        try (Postgres postgres = Postgres.start(null, 0)) {
            assertThat(postgres.jdbcUrl("x")).isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/x");
            assertThat(postgres.reactiveUrl("x")).isEqualTo("postgresql://localhost:" + postgres.port() + "/x");
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SHOW server_version")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).startsWith("17.");
            }
        }
    }

    @Test
    void durableSettingsTurnFsyncSynchronousCommitAndFullPageWritesOnAndTheTestDefaultTurnsThemOff() throws Exception {
        Path log = tempDir.resolve("logs/postgresql.log");
        try (Postgres durable = Postgres.start(tempDir.resolve("durable"), 0, new Postgres.Settings(true, log, false))) {
            assertThat(settings(durable)).containsExactly("on", "on", "on");
            assertThat(ProcessHandle.of(durable.postmasterPid())).isPresent();
        }
        assertThat(log).content().contains("database system is ready to accept connections");
        try (Postgres throwaway = Postgres.start(null, 0)) {
            assertThat(settings(throwaway)).containsExactly("off", "off", "off");
        }
    }

    private static List<String> settings(Postgres postgres) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
             Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
                    rows.next();
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private static Connection connect(Postgres postgres) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("relief"), postgres.username(), postgres.password());
    }
}
