package org.lifeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;

import org.lifeline.infra.KafkaBroker;
import org.lifeline.infra.Postgres;

/**
 * The servers behind {@link TestInfra}. {@link TestInfra} always calls the copy of this class in the system class loader,
 * so that every Quarkus application class loader of a test JVM shares the same servers; its methods use JDK types only.
 */
final class SharedServers {

    private static final Path EMBEDDED_ROOT = Path.of("target", "test-infra").toAbsolutePath();
    /** What the shutdown hook stops, newest first. */
    private static final Deque<AutoCloseable> STOP_AT_EXIT = new ArrayDeque<>();

    private static String[] postgres;
    private static Postgres embeddedPostgres;
    private static Path embeddedPostgresData;
    private static String kafkaBootstrap;
    private static KafkaBroker embeddedKafka;
    private static Boolean docker;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedServers::stopAll, "test-infra-stop"));
    }

    private SharedServers() {
    }

    /** Host, port, username and password of the PostgreSQL server, started on first use. */
    static synchronized String[] postgres() {
        if (postgres == null) {
            String url = System.getProperty("pg.url");
            TestPostgres server;
            if (url != null) {
                URI uri = URI.create(url.substring("jdbc:".length()));
                server = new TestPostgres(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(),
                        System.getProperty("pg.user", "postgres"), System.getProperty("pg.password", "postgres"));
            } else if (docker()) {
                server = DockerServers.startPostgres(STOP_AT_EXIT::push);
            } else {
                Path dataDir = embeddedDataDir("postgres-");
                embeddedPostgres = Postgres.start(dataDir, 0);
                embeddedPostgresData = dataDir;
                STOP_AT_EXIT.push(() -> deleteRecursively(dataDir));
                // The server running at exit, which is another one after a restart.
                STOP_AT_EXIT.push(SharedServers::stopPostgres);
                server = new TestPostgres(embeddedPostgres.host(), embeddedPostgres.port(), embeddedPostgres.username(),
                        embeddedPostgres.password());
            }
            postgres = new String[] {server.host(), Integer.toString(server.port()), server.username(), server.password()};
        }
        return postgres.clone();
    }

    /** Bootstrap servers of the Kafka, started on first use. */
    static synchronized String kafkaBootstrap() {
        if (kafkaBootstrap == null) {
            String external = System.getProperty("kafka.bootstrap");
            if (external != null) {
                kafkaBootstrap = external;
            } else if (docker()) {
                kafkaBootstrap = DockerServers.startKafka(STOP_AT_EXIT::push);
            } else {
                Path dataDir = embeddedDataDir("kafka-");
                embeddedKafka = KafkaBroker.start(dataDir, 0);
                STOP_AT_EXIT.push(() -> deleteRecursively(dataDir));
                STOP_AT_EXIT.push(embeddedKafka);
                kafkaBootstrap = embeddedKafka.bootstrapServers();
            }
        }
        return kafkaBootstrap;
    }

    static synchronized Boolean postgresEmbedded() {
        postgres();
        return embeddedPostgresData != null;
    }

    static synchronized Boolean postgresRunning() {
        embeddedPostgresData();
        return embeddedPostgres != null;
    }

    /** Stops the embedded PostgreSQL (a fast shutdown: open sessions are ended); its data and port stay. */
    static synchronized void stopPostgres() {
        embeddedPostgresData();
        if (embeddedPostgres != null) {
            embeddedPostgres.close();
            embeddedPostgres = null;
        }
    }

    /** Starts the stopped embedded PostgreSQL again on the same port and data; returns once it accepts clients. */
    static synchronized void restartPostgres() {
        Path dataDir = embeddedPostgresData();
        if (embeddedPostgres == null) {
            embeddedPostgres = Postgres.start(dataDir, Integer.parseInt(postgres[1]));
        }
    }

    private static Path embeddedPostgresData() {
        if (!postgresEmbedded()) {
            throw new IllegalStateException("The test PostgreSQL is not embedded: " + postgres[0] + ":" + postgres[1]);
        }
        return embeddedPostgresData;
    }

    static synchronized Boolean kafkaEmbedded() {
        kafkaBootstrap();
        return embeddedKafka != null;
    }

    static synchronized Boolean kafkaRunning() {
        return embeddedBroker().isRunning();
    }

    static synchronized void stopKafka() {
        embeddedBroker().stop();
    }

    static synchronized void restartKafka() {
        embeddedBroker().restart();
    }

    private static KafkaBroker embeddedBroker() {
        if (!kafkaEmbedded()) {
            throw new IllegalStateException("The test Kafka is not embedded: " + kafkaBootstrap);
        }
        return embeddedKafka;
    }

    private static boolean docker() {
        if (docker == null) {
            try {
                docker = DockerServers.dockerAvailable();
            } catch (LinkageError e) {
                docker = false; // Testcontainers left off the class path
            }
        }
        return docker;
    }

    private static Path embeddedDataDir(String prefix) {
        try {
            Files.createDirectories(EMBEDDED_ROOT);
            return Files.createTempDirectory(EMBEDDED_ROOT, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void stopAll() {
        while (!STOP_AT_EXIT.isEmpty()) {
            try {
                STOP_AT_EXIT.pop().close();
            } catch (Exception e) {
                System.err.println("TestInfra: could not stop a test server: " + e);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
