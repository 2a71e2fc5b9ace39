package org.lifeline.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/** A real single-node KRaft Kafka broker (controller+broker) running in this JVM, from the kafka_2.13 artifact. */
public final class KafkaBroker implements AutoCloseable {

    private static final List<String> KAFKA_LOG_CATEGORIES = List.of("kafka", "org.apache.kafka", "state.change.logger");
    /** Strong references, so java.util.logging keeps the levels set on them. */
    private static final List<java.util.logging.Logger> QUIET_LOGGERS = new ArrayList<>();

    private final KafkaConfig config;
    private final int port;
    private KafkaRaftServer server;

    private KafkaBroker(KafkaConfig config, int port) {
        this.config = config;
        this.port = port;
    }

    /** Starts a broker keeping its log in dataDir (formatted on first use, reused afterwards). port 0 = pick a free port once; the chosen port is kept for restart(). */
    public static KafkaBroker start(Path dataDir, int port) {
        quietKafkaLogs();
        int brokerPort = port == 0 ? freePort() : port;
        Path logDir = dataDir.toAbsolutePath().resolve("logs");
        Properties properties = serverProperties(brokerPort, freePortOtherThan(brokerPort), logDir);
        formatOnce(dataDir, logDir, properties);
        KafkaBroker broker = new KafkaBroker(new KafkaConfig(properties), brokerPort);
        broker.restart();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker, keeping its data and port. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker again on the same port and data (after stop()); returns once it accepts clients. */
    public synchronized void restart() {
        if (server != null) {
            throw new IllegalStateException("Kafka broker already running on " + bootstrapServers());
        }
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            starting.shutdown();
            throw e;
        }
        server = starting;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Creates topics that do not exist yet (idempotent), with retention.ms=-1 (events kept forever). */
    public void createTopics(int partitions, String... topics) {
        createTopics(bootstrapServers(), partitions, topics);
    }

    /** Creates topics that do not exist yet on the broker at bootstrapServers (idempotent), with retention.ms=-1. */
    public static void createTopics(String bootstrapServers, int partitions, String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Arrays.stream(topics)
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1).configs(Map.of("retention.ms", "-1")))
                    .toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topics " + Arrays.toString(topics), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics " + Arrays.toString(topics), e);
        }
    }

    /**
     * Prepares dataDir for a broker run as its own JVM ({@code kafka.Kafka <file>}) on port: formats the storage on
     * first use as {@link #start} does (so either kind of broker reads the other's data), writes server.properties
     * with a controller port free right now, and answers that file.
     */
    public static Path writeServerProperties(Path dataDir, int port) {
        quietKafkaLogs();
        Path home = dataDir.toAbsolutePath();
        Path logDir = home.resolve("logs");
        Properties properties = serverProperties(port, freePortOtherThan(port), logDir);
        formatOnce(home, logDir, properties);
        Path file = home.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "Written at each start of the broker");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    /** Whether the broker at bootstrapServers answers a metadata request within a few seconds. */
    public static boolean answers(String bootstrapServers) {
        quietKafkaLogs();
        if (!accepts(bootstrapServers)) {
            return false; // without an admin client, which logs a warning per retry while the broker is down
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the first of the bootstrap servers (host:port) accepts a TCP connection. */
    private static boolean accepts(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0].strip();
        int colon = first.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker; its data stays on disk. */
    @Override
    public void close() {
        stop();
    }

    private static Properties serverProperties(int brokerPort, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("log.retention.ms", "-1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Formats the storage with Kafka's own kafka-storage tool, unless an earlier run already did. */
    private static void formatOnce(Path dataDir, Path logDir, Properties properties) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path configFile = Files.createTempFile(dataDir, "format-", ".properties");
            try {
                try (OutputStream out = Files.newOutputStream(configFile)) {
                    properties.store(out, null);
                }
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                String[] args = {"format", "--config", configFile.toString(), "--cluster-id", Uuid.randomUuid().toString()};
                int exitCode = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
                if (exitCode != 0) {
                    throw new IllegalStateException("Formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
                }
            } finally {
                Files.delete(configFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port for the controller: the broker's port may be free right now too (not yet bound). */
    private static int freePortOtherThan(int taken) {
        int candidate = freePort();
        while (candidate == taken) {
            candidate = freePort();
        }
        return candidate;
    }

    /** Turns Kafka's own categories down to WARN for java.util.logging (and so JBoss LogManager, as in Quarkus) and slf4j-simple. */
    private static synchronized void quietKafkaLogs() {
        if (!QUIET_LOGGERS.isEmpty()) {
            return;
        }
        for (String category : KAFKA_LOG_CATEGORIES) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(category);
            logger.setLevel(Level.WARNING);
            QUIET_LOGGERS.add(logger);
            String simpleLoggerKey = "org.slf4j.simpleLogger.log." + category;
            if (System.getProperty(simpleLoggerKey) == null) {
                System.setProperty(simpleLoggerKey, "warn");
            }
        }
    }
}
