package org.lifeline.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.lifeline.contracts.Topics;
import org.lifeline.infra.KafkaBroker;
import org.lifeline.infra.Postgres;

/** Runs the local Lifeline stack (PostgreSQL, Kafka and the four services) until it is closed. */
public final class LocalStack implements AutoCloseable {

    static final List<String> TOPICS = List.of(Topics.CAMPAIGNS, Topics.deadLetter(Topics.CAMPAIGNS),
            Topics.DONATIONS, Topics.deadLetter(Topics.DONATIONS));
    static final int PARTITIONS = 3;

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int LOG_TAIL_LINES = 40;

    private final StackLayout layout;
    private final Map<String, String> env;
    private final PrintStream out;
    private final String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile boolean ready;
    private Postgres postgres;
    private KafkaBroker kafka;
    private AdminCredentials admin;

    /** A stack laid out as {@code layout}; {@code env} may carry {@code LIFELINE_ADMIN_EMAIL}/{@code _PASSWORD}. */
    public LocalStack(StackLayout layout, Map<String, String> env, PrintStream out) {
        this.layout = layout;
        this.env = env;
        this.out = out;
    }

    /** Runs the stack from the repository root ({@code deploy/local.sh} does) until Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        StackLayout layout;
        try {
            layout = StackLayout.fromEnvironment(Path.of("").toAbsolutePath(), System.getenv());
            Files.createDirectories(layout.logsDir());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("lifeline: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Before any logger exists: PostgreSQL's and Kafka's own logging goes to a file, not the console.
        System.setProperty("org.slf4j.simpleLogger.logFile", layout.logsDir().resolve("infra.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        LocalStack stack = new LocalStack(layout, System.getenv(), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "lifeline-stop"));
        try {
            stack.start();
        } catch (StartupException e) {
            System.err.println("lifeline: " + e.getMessage());
            System.exit(1);
        }
        stack.awaitClosed();
    }

    /** Starts everything and returns once all four services are ready; on failure it stops what it started and throws. */
    public void start() throws StartupException, InterruptedException {
        long began = System.nanoTime();
        try {
            synchronized (this) {
                if (closing) {
                    throw new StartupException("stopped before it started");
                }
                launch();
            }
            awaitReady();
        } catch (StartupException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
        ready = true;
        out.println(banner(System.nanoTime() - began));
    }

    /** Blocks until {@link #close()} has stopped everything. */
    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    /** Stops the services (SIGTERM, then up to 20 s each before killing), then Kafka, then PostgreSQL. Idempotent. */
    @Override
    public void close() {
        closing = true;
        synchronized (this) {
            if (stopped.getCount() == 0) {
                return;
            }
            stopServices();
            if (kafka != null) {
                out.println("Stopping Kafka");
                quietly(kafka::close, "Kafka");
            }
            if (postgres != null) {
                out.println("Stopping PostgreSQL");
                quietly(postgres::close, "PostgreSQL");
                out.println("Lifeline stopped; data kept in " + layout.home());
            }
            stopped.countDown();
        }
    }

    Postgres postgres() {
        return postgres;
    }

    KafkaBroker kafka() {
        return kafka;
    }

    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    private void launch() throws StartupException {
        for (ServiceSpec service : ServiceSpec.ALL) {
            if (!Files.isRegularFile(layout.runJar(service))) {
                throw new StartupException("%s is not built (%s is missing): run deploy/local.sh or ./mvnw install -DskipTests"
                        .formatted(service.name(), layout.runJar(service)));
            }
        }
        requireFreePort(layout.postgresPort(), "PostgreSQL", "; set LIFELINE_PG_PORT to use another port");
        requireFreePort(layout.kafkaPort(), "Kafka", "; set LIFELINE_KAFKA_PORT to use another port");
        for (ServiceSpec service : ServiceSpec.ALL) {
            requireFreePort(layout.port(service), service.name(), ": is another Lifeline stack running? Stop it first");
        }
        KeyMaterial keys;
        try {
            keys = KeyMaterial.ensure(layout.keysDir());
            admin = AdminCredentials.resolve(layout.home(), env);
        } catch (IOException e) {
            throw new StartupException("Cannot write to the data folder " + layout.home() + ": " + e, e);
        }
        out.println("Data folder " + layout.home());

        long began = System.nanoTime();
        postgres = attempt("PostgreSQL", () -> Postgres.start(layout.postgresData(), layout.postgresPort()));
        attemptTo("create the databases",
                () -> ServiceSpec.ALL.forEach(service -> postgres.createDatabaseIfMissing(service.database())));
        out.println("PostgreSQL is up on port %d (%s)".formatted(postgres.port(), seconds(System.nanoTime() - began)));

        began = System.nanoTime();
        kafka = attempt("Kafka", () -> KafkaBroker.start(layout.kafkaData(), layout.kafkaPort()));
        attemptTo("create the topics", () -> kafka.createTopics(PARTITIONS, TOPICS.toArray(String[]::new)));
        out.println("Kafka is up on %s (%s)".formatted(kafka.bootstrapServers(), seconds(System.nanoTime() - began)));

        for (ServiceSpec service : ServiceSpec.ALL) {
            try {
                ServiceProcess process = ServiceProcess.start(
                        service, java, layout.runJar(service), environment(service, keys), layout.logFile(service));
                services.add(process);
                process.handle().onExit().thenRun(() -> reportUnexpectedExit(process));
            } catch (IOException e) {
                throw new StartupException("Cannot start " + service.name() + ": " + e.getMessage(), e);
            }
        }
        out.println("Started " + String.join(", ", ServiceSpec.ALL.stream().map(ServiceSpec::name).toList())
                + "; logs in " + layout.logsDir());
    }

    private Map<String, String> environment(ServiceSpec service, KeyMaterial keys) throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(service.database()));
        vars.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(service.database()));
        vars.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
        vars.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        vars.put("QUARKUS_HTTP_PORT", Integer.toString(layout.port(service)));
        vars.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + keys.publicKeyPem());
        vars.put("LIFELINE_JWT_KID", keys.keyId());
        if (service.usesKafka()) {
            vars.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        if (service.equals(ServiceSpec.GATEWAY)) {
            vars.put("LIFELINE_JWT_PRIVATE_KEY_LOCATION", "file:" + keys.privateKeyPem());
            vars.put("LIFELINE_ADMIN_EMAIL", admin.email());
            vars.put("LIFELINE_ADMIN_PASSWORD", admin.password());
            vars.put("LIFELINE_CAMPAIGNS_URL", layout.baseUrl(ServiceSpec.CAMPAIGNS).toString());
            vars.put("LIFELINE_DONATIONS_URL", layout.baseUrl(ServiceSpec.DONATIONS).toString());
            vars.put("LIFELINE_FEED_URL", layout.baseUrl(ServiceSpec.RELIEF_FEED).toString());
        }
        if (service.equals(ServiceSpec.RELIEF_FEED)) {
            vars.put("LIFELINE_FEED_WEBHOOKS_ALLOW_LOOPBACK", "true");
        }
        return vars;
    }

    private void awaitReady() throws StartupException, InterruptedException {
        out.println("Waiting up to %d s for the services to be ready".formatted(layout.startTimeout().toSeconds()));
        List<ReadinessWaiter.Target> targets = services.stream()
                .map(process -> new ReadinessWaiter.Target(
                        process.spec().name(), layout.readinessUrl(process.spec()), process::isAlive))
                .toList();
        try {
            new ReadinessWaiter(POLL_INTERVAL, out::println).awaitAll(targets, layout.startTimeout());
        } catch (ReadinessWaiter.NotReadyException e) {
            if (closing) {
                throw new StartupException("Stopped while starting");
            }
            StringBuilder message = new StringBuilder(e.getMessage());
            for (ServiceProcess process : services) {
                if (e.services().contains(process.spec().name())) {
                    String exit = process.isAlive() ? "" : " (exit code " + process.exitCode() + ")";
                    message.append("\n----- last lines of ").append(layout.logFile(process.spec())).append(exit).append(" -----\n")
                            .append(String.join("\n", process.logTail(LOG_TAIL_LINES)));
                }
            }
            throw new StartupException(message.toString(), e);
        }
    }

    private void reportUnexpectedExit(ServiceProcess process) {
        if (ready && !closing) {
            out.println("%s stopped unexpectedly (exit code %d); last lines of %s:%n%s".formatted(
                    process.spec().name(), process.exitCode(), layout.logFile(process.spec()),
                    String.join("\n", process.logTail(LOG_TAIL_LINES))));
        }
    }

    private void stopServices() {
        if (services.isEmpty()) {
            return;
        }
        out.println("Stopping the services");
        services.forEach(ServiceProcess::requestStop);
        for (ServiceProcess process : services) {
            try {
                if (!process.awaitExit(STOP_GRACE)) {
                    out.println(process.spec().name() + " did not stop within " + STOP_GRACE.toSeconds() + " s: killed it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                services.forEach(p -> p.handle().destroyForcibly());
                return;
            }
        }
    }

    private String banner(long startNanos) {
        List<String> lines = new ArrayList<>();
        lines.add("Lifeline is ready (started in " + seconds(startNanos) + ")");
        lines.add("");
        lines.add("Gateway      " + layout.baseUrl(ServiceSpec.GATEWAY));
        lines.add("Swagger UI   " + layout.baseUrl(ServiceSpec.GATEWAY).resolve("/q/swagger-ui"));
        for (ServiceSpec service : ServiceSpec.ALL) {
            lines.add((service.equals(ServiceSpec.GATEWAY) ? "Health       " : "             ")
                    + "%-20s %s".formatted(service.name(), layout.readinessUrl(service)));
        }
        lines.add("Kafka        " + kafka.bootstrapServers());
        lines.add("PostgreSQL   " + postgres.jdbcUrl("postgres") + " (user " + postgres.username() + ")");
        lines.add("             databases " + String.join(", ", ServiceSpec.ALL.stream().map(ServiceSpec::database).toList()));
        lines.add("Data folder  " + layout.home());
        lines.add("Admin        " + admin.email() + " / "
                + (admin.passwordFromEnvironment() ? "(password from LIFELINE_ADMIN_PASSWORD)" : admin.password()));
        lines.add("");
        lines.add("Ctrl-C stops everything.");
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        String rule = "+" + "-".repeat(width + 2) + "+";
        StringBuilder box = new StringBuilder(rule).append('\n');
        lines.forEach(line -> box.append("| ").append(line).append(" ".repeat(width - line.length())).append(" |\n"));
        return box.append(rule).toString();
    }

    private static void requireFreePort(int port, String user, String advice) throws StartupException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new StartupException("Port %d for %s is already in use%s".formatted(port, user, advice));
        }
    }

    private static <T> T attempt(String what, Supplier<T> action) throws StartupException {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw new StartupException(what + " did not start: " + e.getMessage(), e);
        }
    }

    private static void attemptTo(String what, Runnable action) throws StartupException {
        try {
            action.run();
        } catch (RuntimeException e) {
            throw new StartupException("Could not " + what + ": " + e.getMessage(), e);
        }
    }

    private void quietly(Runnable stop, String what) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            out.println("Stopping " + what + " failed: " + e);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
