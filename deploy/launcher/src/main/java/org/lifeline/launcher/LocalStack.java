package org.lifeline.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

import org.lifeline.contracts.Topics;
import org.lifeline.infra.KafkaBroker;
import org.lifeline.infra.Postgres;

/**
 * Runs the local Lifeline stack (PostgreSQL, Kafka and the four services, each its own process) until it is
 * closed, and starts again whatever of it crashes.
 */
public final class LocalStack implements AutoCloseable {

    static final List<String> TOPICS = List.of(Topics.CAMPAIGNS, Topics.deadLetter(Topics.CAMPAIGNS),
            Topics.DONATIONS, Topics.deadLetter(Topics.DONATIONS));
    static final int PARTITIONS = 3;
    static final String POSTGRES = "PostgreSQL";
    static final String KAFKA = "Kafka";

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** A broker's controlled shutdown writes its state out: give it longer than a service. */
    private static final Duration KAFKA_STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final int LOG_TAIL_LINES = 40;
    private static final String LOOPBACK = "127.0.0.1";

    private final StackLayout layout;
    private final Map<String, String> env;
    private final PrintStream out;
    private final RestartPolicy restartPolicy;
    private final String java = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    private final ScheduledExecutorService watcher = Executors.newScheduledThreadPool(ServiceSpec.ALL.size() + 2,
            Thread.ofPlatform().name("lifeline-watch-", 0).daemon().factory());
    /** Everything supervised, in start order: PostgreSQL, Kafka, the services. */
    private final List<Supervisor> supervisors = new CopyOnWriteArrayList<>();
    private final Map<ServiceSpec, Supervisor> services = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile Postgres postgres;
    private boolean durablePostgres = true;
    private Supervisor postgresSupervisor;
    private Supervisor kafkaSupervisor;
    private PidFile pidFile;
    private AdminCredentials admin;

    /**
     * A stack laid out as {@code layout}; {@code env} may carry {@code LIFELINE_ADMIN_EMAIL}/{@code _PASSWORD},
     * {@code LIFELINE_PG_DURABLE}, {@code LIFELINE_GATEWAY_HOST} and {@code LIFELINE_SERVICES_HOST}.
     */
    public LocalStack(StackLayout layout, Map<String, String> env, PrintStream out) {
        this(layout, env, out, RestartPolicy.DEFAULT);
    }

    LocalStack(StackLayout layout, Map<String, String> env, PrintStream out, RestartPolicy restartPolicy) {
        this.layout = layout;
        this.env = env;
        this.out = out;
        this.restartPolicy = restartPolicy;
    }

    /**
     * Runs the stack from the repository root ({@code deploy/local.sh} does) until Ctrl-C; with {@code --demo} it
     * seeds the demo data ({@link DemoData}) once the stack is ready.
     */
    public static void main(String[] args) throws InterruptedException {
        boolean demo = false;
        for (String arg : args) {
            if (!arg.equals("--demo")) {
                System.err.println("lifeline: unknown option '" + arg + "'");
                System.exit(2);
            }
            demo = true;
        }
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
        if (demo) {
            stack.seedDemo();
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
        // From here on a process that ends by itself is a crash, started again; before, it failed the start.
        supervisors.forEach(Supervisor::restartCrashes);
        out.println(banner(System.nanoTime() - began));
    }

    /**
     * Seeds the demo data into the started stack and prints where to look and how to sign in; a failure is printed
     * and leaves the stack running ({@code deploy/local.sh demo} tries again).
     */
    public void seedDemo() throws InterruptedException {
        out.println("Seeding the demo data through " + gatewayUrl() + "api/v1 ...");
        try {
            DemoData.Outcome outcome = new DemoData(gatewayUrl(), admin, line -> out.println("  " + line)).seed();
            out.println("Demo data " + outcome.summary());
            out.println();
            DemoData.welcome(gatewayUrl()).forEach(out::println);
            out.println("Ctrl-C stops everything.");
        } catch (DemoData.SeedingFailed e) {
            out.println("Could not seed the demo data: " + e.getMessage());
            out.println("The stack runs on; try again with deploy/local.sh demo");
        }
    }

    /** Blocks until {@link #close()} has stopped everything. */
    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    /** Stops the services (SIGTERM, then up to 20 s each before killing), then Kafka, then PostgreSQL. Idempotent. */
    @Override
    public void close() {
        closing = true;
        // First, and without waiting for a start in progress: Ctrl-C reaches the children too, and their ends
        // from now on are no crashes.
        supervisors.forEach(Supervisor::stopWatching);
        synchronized (this) {
            if (stopped.getCount() == 0) {
                return;
            }
            stopServices();
            if (kafkaSupervisor != null) {
                out.println("Stopping Kafka");
                stopQuietly(kafkaSupervisor);
            }
            if (postgresSupervisor != null) {
                out.println("Stopping PostgreSQL");
                stopQuietly(postgresSupervisor);
                out.println("Lifeline stopped; data kept in " + layout.home());
            }
            if (pidFile != null) {
                quietly(pidFile::delete, "the PID file");
            }
            watcher.shutdownNow();
            stopped.countDown();
        }
    }

    Postgres postgres() {
        return postgres;
    }

    String kafkaBootstrapServers() {
        return "127.0.0.1:" + layout.kafkaPort();
    }

    /** The process running as {@code name} ({@value #POSTGRES}, {@value #KAFKA} or a service's), if it runs. */
    Optional<ProcessHandle> process(String name) {
        return supervisors.stream().filter(supervisor -> supervisor.name().equals(name)).findFirst()
                .map(Supervisor::running).map(Supervisor.Child::process);
    }

    // ----- faults, for tests that prove the stack survives them -----

    /** Kills the service's process at once (SIGKILL), as a crash would; the launcher starts it again. */
    public void kill(ServiceSpec service) {
        Supervisor supervisor = services.get(service);
        Supervisor.Child child = supervisor == null ? null : supervisor.running();
        if (child != null && child.isAlive()) {
            child.process().destroyForcibly();
        }
    }

    /** Stops the Kafka broker (its data stays), as a broker outage would; it stays down until {@link #startKafka()}. */
    public synchronized void stopKafka() {
        stopOnPurpose(kafkaSupervisor);
    }

    /** Starts the stopped Kafka broker again on the same port and data; returns once it answers. */
    public synchronized void startKafka() {
        try {
            kafkaSupervisor.start();
            awaitKafka();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not start again: " + e.getMessage(), e);
        }
    }

    /** Stops PostgreSQL (its data stays), as a database outage would; it stays down until {@link #startPostgres()}. */
    public synchronized void stopPostgres() {
        stopOnPurpose(postgresSupervisor);
    }

    /** Starts the stopped PostgreSQL again on the same port and data; returns once it answers. */
    public synchronized void startPostgres() {
        try {
            postgresSupervisor.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting PostgreSQL", e);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL did not start again: " + e.getMessage(), e);
        }
    }

    private void launch() throws StartupException {
        for (ServiceSpec service : ServiceSpec.ALL) {
            if (!Files.isRegularFile(layout.runJar(service))) {
                throw new StartupException("%s is not built (%s is missing): run deploy/local.sh or ./mvnw install -DskipTests"
                        .formatted(service.name(), layout.runJar(service)));
            }
        }
        durablePostgres = flag("LIFELINE_PG_DURABLE", true);
        stopLeftovers();
        requireFreePort(layout.postgresPort(), "PostgreSQL", "; set LIFELINE_PG_PORT to use another port");
        requireFreePort(layout.kafkaPort(), "Kafka", "; set LIFELINE_KAFKA_PORT to use another port");
        for (ServiceSpec service : ServiceSpec.ALL) {
            requireFreePort(layout.port(service), service.name(), ": is another Lifeline stack running? Stop it first");
        }
        KeyMaterial keys;
        try {
            keys = KeyMaterial.ensure(layout.keysDir());
            admin = AdminCredentials.resolve(layout.home(), env);
            pidFile = new PidFile(pidFilePath());
        } catch (IOException | UncheckedIOException e) {
            throw new StartupException("Cannot write to the data folder " + layout.home() + ": " + e, e);
        }
        out.println("Data folder " + layout.home());

        long began = System.nanoTime();
        Postgres.Settings settings = new Postgres.Settings(durablePostgres, layout.logsDir().resolve("postgresql.log"), false);
        postgresSupervisor = supervise(POSTGRES, previous -> {
            SupervisedPostgres started = SupervisedPostgres.start(layout, settings, previous);
            postgres = started.server();
            return started;
        }, () -> true, layout.logsDir().resolve("postgresql.log"));
        attempt("PostgreSQL", postgresSupervisor);
        attemptTo("create the databases",
                () -> ServiceSpec.ALL.forEach(service -> postgres.createDatabaseIfMissing(service.database())));
        out.println("PostgreSQL is up on port %d, %s (%s)".formatted(postgres.port(), durablePostgres
                ? "durable (fsync and synchronous commit on)"
                : "NOT durable (LIFELINE_PG_DURABLE=false: a power cut can lose acknowledged writes)",
                seconds(System.nanoTime() - began)));

        began = System.nanoTime();
        kafkaSupervisor = supervise(KAFKA, previous -> ChildProcess.start(KAFKA,
                kafkaCommand(KafkaBroker.writeServerProperties(layout.kafkaData(), layout.kafkaPort())),
                Map.of(), kafkaLogFile(), KAFKA_STOP_GRACE),
                () -> KafkaBroker.answers(kafkaBootstrapServers()), kafkaLogFile());
        attempt("Kafka", kafkaSupervisor);
        attemptTo("reach Kafka", () -> {
            try {
                awaitKafka();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
        attemptTo("create the topics",
                () -> KafkaBroker.createTopics(kafkaBootstrapServers(), PARTITIONS, TOPICS.toArray(String[]::new)));
        out.println("Kafka is up on %s (%s)".formatted(kafkaBootstrapServers(), seconds(System.nanoTime() - began)));

        for (ServiceSpec service : ServiceSpec.ALL) {
            Map<String, String> vars;
            try {
                vars = environment(service, keys);
            } catch (IOException e) {
                throw new StartupException("Cannot read the token keys in " + layout.keysDir() + ": " + e.getMessage(), e);
            }
            Supervisor supervisor = supervise(service.name(), previous -> ChildProcess.start(service.name(),
                    serviceCommand(service), vars, layout.logFile(service), STOP_GRACE),
                    () -> ReadinessWaiter.isReady(readinessUrl(service)), layout.logFile(service));
            services.put(service, supervisor);
            attempt(service.name(), supervisor);
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
        vars.put("QUARKUS_HTTP_HOST", listenHost(service));
        vars.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + keys.publicKeyPem());
        vars.put("LIFELINE_JWT_KID", keys.keyId());
        if (service.usesKafka()) {
            vars.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
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

    /** Where a service listens: loopback unless LIFELINE_GATEWAY_HOST (the gateway) or LIFELINE_SERVICES_HOST says otherwise. */
    private String listenHost(ServiceSpec service) {
        return listenHost(env, service);
    }

    private static String listenHost(Map<String, String> env, ServiceSpec service) {
        String host = env.get(service.equals(ServiceSpec.GATEWAY) ? "LIFELINE_GATEWAY_HOST" : "LIFELINE_SERVICES_HOST");
        return host == null || host.isBlank() ? LOOPBACK : host.strip();
    }

    private static boolean isLoopback(String host) {
        return host.equals(LOOPBACK) || host.equals("localhost") || host.equals("::1");
    }

    /** The readiness URL on the address the service listens on (localhost when that is 127.0.0.1 or all of them). */
    private URI readinessUrl(ServiceSpec service) {
        return readinessUrl(layout, env, service);
    }

    private static URI readinessUrl(StackLayout layout, Map<String, String> env, ServiceSpec service) {
        String host = listenHost(env, service);
        if (isLoopback(host) || host.equals("0.0.0.0") || host.equals("::")) {
            return layout.readinessUrl(service);
        }
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + layout.port(service)
                + "/q/health/ready");
    }

    /** The URL to open in a browser: the gateway's root, on the address it listens on. */
    public URI gatewayUrl() {
        return gatewayUrl(layout, env);
    }

    /** The gateway's root for a stack laid out as {@code layout} with {@code env} (LIFELINE_GATEWAY_HOST). */
    static URI gatewayUrl(StackLayout layout, Map<String, String> env) {
        return readinessUrl(layout, env, ServiceSpec.GATEWAY).resolve("/");
    }

    /** The admin account the gateway was started with; known once {@link #start()} has begun. */
    public AdminCredentials admin() {
        return admin;
    }

    /**
     * A service's JVM. {@code vertx.disableURIValidation} hands the check of the request target from Quarkus' root
     * handler (a bare 400) to the service's own edge filter, which makes the same check and answers a problem.
     */
    private List<String> serviceCommand(ServiceSpec service) {
        return List.of(java, "-Dvertx.disableURIValidation=true", "-jar", layout.runJar(service).toString());
    }

    /** The broker as its own JVM, from this launcher's class path, so that a crash of either leaves the other running. */
    private List<String> kafkaCommand(Path serverProperties) {
        List<String> command = new ArrayList<>(List.of(java));
        if (Runtime.version().feature() >= 23) {
            // Kafka still uses sun.misc.Unsafe's memory methods, which JDK 24 and later warn about.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        String classPath = String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).map(entry -> Path.of(entry).toAbsolutePath().toString()).toList());
        command.addAll(List.of("-Xmx1g", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS",
                "-cp", classPath, "kafka.Kafka", serverProperties.toString()));
        return command;
    }

    private Path kafkaLogFile() {
        return layout.logsDir().resolve("kafka.log");
    }

    private Path pidFilePath() {
        return layout.home().resolve("lifeline.pid");
    }

    private Supervisor supervise(String name, Supervisor.Starter starter, BooleanSupplier ready,
            Path logFile) {
        Supervisor supervisor = new Supervisor(name, starter, ready, logFile, restartPolicy, out::println, watcher, pidFile);
        supervisors.add(supervisor);
        return supervisor;
    }

    private void awaitKafka() throws InterruptedException {
        long deadline = System.nanoTime() + layout.startTimeout().toNanos();
        while (!KafkaBroker.answers(kafkaBootstrapServers())) {
            if (!kafkaSupervisor.isRunning()) {
                throw new IllegalStateException("the broker stopped (see " + kafkaLogFile() + "):\n"
                        + String.join("\n", ChildProcess.tail(kafkaLogFile(), LOG_TAIL_LINES)));
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("the broker did not answer within " + layout.startTimeout().toSeconds()
                        + " s (see " + kafkaLogFile() + ")");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /**
     * A launcher killed outright (SIGKILL, a power cut of its terminal) leaves its children running on the ports
     * and data: stop those its PID file names, services first, before they make this start fail.
     */
    private void stopLeftovers() throws StartupException {
        List<PidFile.Entry> recorded;
        try {
            recorded = PidFile.read(pidFilePath());
        } catch (UncheckedIOException e) {
            throw new StartupException("Cannot read " + pidFilePath() + ": " + e.getMessage(), e);
        }
        List<PidFile.Entry> running = recorded.stream().filter(entry -> entry.running().isPresent()).toList();
        Optional<PidFile.Entry> launcher = running.stream()
                .filter(entry -> entry.name().equals(PidFile.LAUNCHER) && entry.pid() != ProcessHandle.current().pid())
                .findFirst();
        if (launcher.isPresent()) {
            throw new StartupException("Another Lifeline launcher (pid %d) is running on the data folder %s: stop it first"
                    .formatted(launcher.get().pid(), layout.home()));
        }
        List<PidFile.Entry> leftovers = new ArrayList<>(running.stream()
                .filter(entry -> !entry.name().equals(PidFile.LAUNCHER)).toList());
        if (leftovers.isEmpty()) {
            return;
        }
        out.println("Found processes an earlier launcher left running (it did not stop cleanly): "
                + String.join(", ", leftovers.stream().map(PidFile.Entry::toString).toList()) + "; stopping them");
        Collections.reverse(leftovers);
        try {
            for (PidFile.Entry leftover : leftovers) {
                Optional<ProcessHandle> process = leftover.running();
                if (process.isPresent()) {
                    process.get().destroy();
                    if (!Processes.awaitEnd(process.get(), STOP_GRACE)) {
                        out.println(leftover + " did not stop within " + STOP_GRACE.toSeconds() + " s: killing it");
                        process.get().destroyForcibly();
                        Processes.awaitEnd(process.get(), Duration.ofSeconds(10));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while stopping what an earlier launcher left running", e);
        }
        List<String> still = leftovers.stream().filter(entry -> entry.running().isPresent()).map(PidFile.Entry::toString).toList();
        if (!still.isEmpty()) {
            throw new StartupException("Could not stop what an earlier launcher left running: " + String.join(", ", still));
        }
        out.println("Stopped them");
    }

    private void awaitReady() throws StartupException, InterruptedException {
        out.println("Waiting up to %d s for the services to be ready".formatted(layout.startTimeout().toSeconds()));
        List<ReadinessWaiter.Target> targets = services.entrySet().stream()
                .map(service -> new ReadinessWaiter.Target(
                        service.getKey().name(), readinessUrl(service.getKey()), service.getValue()::isRunning))
                .toList();
        try {
            new ReadinessWaiter(POLL_INTERVAL, out::println).awaitAll(targets, layout.startTimeout());
        } catch (ReadinessWaiter.NotReadyException e) {
            if (closing) {
                throw new StartupException("Stopped while starting");
            }
            StringBuilder message = new StringBuilder(e.getMessage());
            services.forEach((service, supervisor) -> {
                if (e.services().contains(service.name())) {
                    Supervisor.Child child = supervisor.running();
                    String exit = child == null || child.isAlive() ? "" : " (" + child.exitDescription() + ")";
                    message.append("\n----- last lines of ").append(layout.logFile(service)).append(exit).append(" -----\n")
                            .append(String.join("\n", ChildProcess.tail(layout.logFile(service), LOG_TAIL_LINES)));
                }
            });
            throw new StartupException(message.toString(), e);
        }
    }

    /** Stops the services all at once (each gets SIGTERM, then up to 20 s before it is killed). */
    private void stopServices() {
        if (services.isEmpty()) {
            return;
        }
        out.println("Stopping the services");
        List<Thread> stopping = services.values().stream()
                .map(supervisor -> Thread.ofVirtual().start(() -> stopQuietly(supervisor)))
                .toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                services.values().stream().map(Supervisor::running).filter(Objects::nonNull)
                        .forEach(child -> child.process().destroyForcibly());
                return;
            }
        }
    }

    private void stopOnPurpose(Supervisor supervisor) {
        try {
            supervisor.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping " + supervisor.name(), e);
        }
    }

    private void stopQuietly(Supervisor supervisor) {
        try {
            supervisor.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.println("Stopping " + supervisor.name() + " failed: " + e);
        }
    }

    private boolean flag(String name, boolean fallback) throws StartupException {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new StartupException(name + " must be true or false, not '" + value + "'");
        };
    }

    private String banner(long startNanos) {
        List<String> lines = new ArrayList<>();
        lines.add("Lifeline is ready (started in " + seconds(startNanos) + ")");
        lines.add("");
        URI gateway = gatewayUrl();
        String gatewayHost = listenHost(ServiceSpec.GATEWAY);
        lines.add("Open         " + gateway + " in a browser (the gateway: web app and API)" + (isLoopback(gatewayHost) ? ""
                : ", listening on " + gatewayHost + " (LIFELINE_GATEWAY_HOST)"));
        lines.add("Swagger UI   " + gateway.resolve("/q/swagger-ui"));
        for (ServiceSpec service : ServiceSpec.ALL) {
            lines.add((service.equals(ServiceSpec.GATEWAY) ? "Health       " : "             ")
                    + "%-20s %s".formatted(service.name(), readinessUrl(service)));
        }
        lines.add("Kafka        " + kafkaBootstrapServers());
        lines.add("PostgreSQL   " + postgres.jdbcUrl("postgres") + " (user " + postgres.username() + ")"
                + (durablePostgres ? "" : ", not durable (LIFELINE_PG_DURABLE=false)"));
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

    private static void attempt(String what, Supervisor supervisor) throws StartupException {
        try {
            supervisor.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException(what + " did not start: interrupted", e);
        } catch (Exception e) {
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
