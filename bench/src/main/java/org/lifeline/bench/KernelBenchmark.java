package org.lifeline.bench;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.flywaydb.core.Flyway;
import org.lifeline.bench.Writers.Result;
import org.lifeline.bench.Writers.Transaction;
import org.lifeline.infra.KafkaBroker;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.NewEvent;
import org.lifeline.kernel.eventstore.Publication;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.IdempotencyStore;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.kernel.outbox.OutboxRelay;
import org.lifeline.kernel.outbox.OutboxSignal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * Appends per second of the event-sourcing kernel, as a service runs it, against a raw single-row INSERT
 * on the same durable PostgreSQL, and the commit-to-Kafka latency of the outbox relay. Not a test: run it
 * with bench/run.sh.
 *
 * <p>The kernel path is the shipped one: {@code CommandExecutor.execute(null, tx -> store.append(...))}
 * on a pool that caches prepared statements, which commits and then pokes the {@link OutboxSignal}; the
 * relay runs with {@link OutboxRelay.Settings#defaults()} on connections that cache prepared statements.
 *
 * <pre>java -cp ... org.lifeline.bench.KernelBenchmark jdbc:postgresql://127.0.0.1:5544/lifeline_bench [user]</pre>
 *
 * System properties: bench.seconds (measured seconds per phase, 10), bench.warmupSeconds (3),
 * bench.relayRate (events/s of the moderate relay load, 500), bench.workDir (where Kafka keeps its data,
 * target).
 */
public final class KernelBenchmark {

    private static final int WRITERS = 8;
    private static final int RELAY_WRITERS = 4;
    /** As the services' CommandExecutor (EventSourcingBeans); the benchmark's streams never conflict. */
    private static final int ATTEMPTS_ON_CONFLICT = 10;
    private static final StoredResponse CREATED = new StoredResponse(201, "{}");
    private static final int STREAMS_PER_WRITER = 50;
    private static final String TOPIC = "lifeline.bench.v1";
    private static final String SOURCE = "/bench";
    private static final String INSERT_RAW = "INSERT INTO raw_events (id, stream_id, payload) VALUES (?, ?, ?::jsonb)";
    private static final String INSERT_RAW_PG = "INSERT INTO raw_events (id, stream_id, payload) VALUES ($1, $2, $3::jsonb)";

    private final String jdbcUrl;
    private final String user;
    private final Duration warmup;
    private final Duration measure;
    private final int relayRate;
    private final Path workDir;
    private final Vertx vertx = Vertx.vertx();
    /** As the services connect (KernelConnections): prepared statements cached. */
    private final PgConnectOptions pgOptions;
    private final Connection admin;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> relayRows = new ArrayList<>();
    /** Transactions/s of the raw INSERT: the mean of phases a and a2. */
    private double rawRate;
    /** The OS user of the PostgreSQL cluster, to tell its CPU time from other processes'. */
    private int postgresUid = -1;

    /**
     * A line of the append table: what was measured and the 1-minute load when it ended; a heading when
     * result is null.
     */
    private record Row(String name, Result result, String load) {
    }

    private void section(String title) {
        rows.add(new Row(title, null, null));
    }

    private KernelBenchmark(String jdbcUrl, String user) throws SQLException {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.warmup = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 3));
        this.measure = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
        this.relayRate = Integer.getInteger("bench.relayRate", 500);
        this.workDir = Path.of(System.getProperty("bench.workDir", "target"));
        this.pgOptions = PgConnectOptions.fromUri(jdbcUrl.substring("jdbc:".length())).setUser(user).setPassword("")
                .setCachePreparedStatements(true);
        this.admin = jdbc();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !args[0].startsWith("jdbc:postgresql:")) {
            System.err.println("usage: KernelBenchmark jdbc:postgresql://host:port/database [user]");
            System.exit(2);
        }
        KernelBenchmark bench = new KernelBenchmark(args[0], args.length > 1 ? args[1] : "postgres");
        try {
            bench.run();
        } finally {
            bench.close();
        }
    }

    private void run() throws Exception {
        String loadBefore = Stats.loadAverage();
        printMachine(loadBefore);
        Flyway.configure().dataSource(jdbcUrl, user, "").locations("classpath:db/kernel").load().migrate();
        sql("CREATE TABLE IF NOT EXISTS raw_events (id uuid PRIMARY KEY, stream_id text NOT NULL, payload jsonb NOT NULL)");
        System.out.printf("triggers on outbox after the kernel's migrations: %s%n", outboxTriggers());

        appendPhases();
        relayPhases();

        printAppendTable();
        printRelayTable();
        System.out.printf("%nload average before: %s   after: %s   (1, 5, 15 min; %d cores)%n", loadBefore,
                Stats.loadAverage(), Runtime.getRuntime().availableProcessors());
    }

    // ---------------------------------------------------------------- appends

    private void appendPhases() throws Exception {
        Result first = rawInserts("a  raw JDBC INSERT, autocommit, 1 row/tx");
        Kernel kernel = new Kernel();
        try {
            phase("b  kernel append, 1 event/tx, new streams", w -> newStream(kernel, null));
            phase("c  kernel append, 3 events/tx, existing streams", w -> existingStreams(kernel, w));

            section("the cost of the reactive client and of a transaction");
            phase("r1 = a through the Vert.x pool (statements cached)", w -> rawReactive(kernel.pool, false));
            phase("r2 = r1 inside BEGIN/COMMIT (withTransaction)", w -> rawReactive(kernel.pool, true));
        } finally {
            kernel.close();
        }
        section("");
        Result again = rawInserts("a2 = a again, to see the drift");
        rawRate = (first.transactionsPerSecond() + again.transactionsPerSecond()) / 2;
    }

    /** The raw INSERT through the reactive client, in autocommit or in a transaction of its own. */
    private static Transaction rawReactive(Pool pool, boolean inTransaction) {
        return () -> {
            Tuple row = Tuple.of(UUID.randomUUID(), "need-" + UUID.randomUUID(), payload());
            if (inTransaction) {
                pool.withTransaction(tx -> tx.preparedQuery(INSERT_RAW_PG).execute(row)).await().indefinitely();
            } else {
                pool.preparedQuery(INSERT_RAW_PG).execute(row).await().indefinitely();
            }
            return 1;
        };
    }

    /** The baseline: single-row INSERTs over plain JDBC, autocommit, one connection per writer. */
    private Result rawInserts(String name) throws SQLException {
        List<Connection> connections = Collections.synchronizedList(new ArrayList<>());
        try {
            return phase(name, w -> {
                Connection c = jdbc();
                connections.add(c);
                PreparedStatement insert = c.prepareStatement(INSERT_RAW);
                return () -> {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, "need-" + UUID.randomUUID());
                    insert.setString(3, payload());
                    insert.executeUpdate();
                    return 1;
                };
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /** Empties the tables, checkpoints (so no phase pays for another's dirty pages), then runs the writers. */
    private Result phase(String name, Writers.Setup transactions) throws SQLException {
        sql("TRUNCATE events, outbox, raw_events");
        sql("CHECKPOINT");
        System.err.printf("running %s ...%n", name);
        Result result = Writers.run(name, WRITERS, warmup, measure, 0, transactions, this::cpu);
        rows.add(new Row(name, result, Stats.loadAverage().split(" ")[0]));
        return result;
    }

    /**
     * The kernel as a service wires it (EventSourcingBeans): a pool caching prepared statements, the
     * event store publishing every event, and a CommandExecutor that pokes the OutboxSignal after each
     * commit.
     */
    private final class Kernel implements AutoCloseable {
        final Pool pool = pool();
        final OutboxSignal signal = new OutboxSignal(vertx, pgOptions);
        final EventStore store = new EventStore(pool, SOURCE, Publication.allTo(TOPIC));
        final CommandExecutor executor = new CommandExecutor(pool, new IdempotencyStore(), signal,
                ATTEMPTS_ON_CONFLICT);

        /** One command without an idempotency key: appends the events in a transaction, commits, pokes. */
        void append(String streamId, long expectedVersion, List<NewEvent> events) {
            executor.execute(null, tx -> store.append(tx, streamId, "need", expectedVersion, events)
                    .map(recorded -> CREATED)).await().indefinitely();
        }

        @Override
        public void close() {
            signal.close();
            pool.close().await().indefinitely();
        }
    }

    /** Appends one event to a new stream per command; tells onCommit, if any, the event id and commit time. */
    private static Transaction newStream(Kernel kernel, BiConsumer<UUID, Long> onCommit) {
        return () -> {
            NewEvent event = event();
            kernel.append("need-" + UUID.randomUUID(), EventStore.NO_STREAM, List.of(event));
            if (onCommit != null) {
                onCommit.accept(event.eventId(), System.nanoTime());
            }
            return 1;
        };
    }

    /** Appends three events per command to this writer's own streams (created first), round robin. */
    private static Transaction existingStreams(Kernel kernel, int writer) {
        String[] streams = new String[STREAMS_PER_WRITER];
        long[] versions = new long[STREAMS_PER_WRITER];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = "need-" + writer + "-" + UUID.randomUUID();
            kernel.append(streams[i], EventStore.NO_STREAM, List.of(event()));
            versions[i] = 1;
        }
        int[] next = {0};
        return () -> {
            int i = next[0]++ % streams.length;
            long expected = versions[i];
            kernel.append(streams[i], expected, List.of(event(), event(), event()));
            versions[i] = expected + 3;
            return 3;
        };
    }

    // ---------------------------------------------------------------- relay

    private void relayPhases() throws Exception {
        System.err.println("starting Kafka ...");
        try (Kernel kernel = new Kernel();
             KafkaBroker broker = KafkaBroker.start(workDir.resolve("kafka"), 0);
             Receiver receiver = startReceiver(broker)) {
            Map<String, Object> kafka = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            relayLatency(kernel, kafka, receiver);
            relayDrain(kernel, kafka, receiver);
        }
    }

    /** Commit-to-receipt latency at a moderate paced rate, then in an unpaced burst, with a relay running. */
    private void relayLatency(Kernel kernel, Map<String, Object> kafka, Receiver receiver) throws Exception {
        sql("TRUNCATE events, outbox");
        sql("CHECKPOINT");
        Map<UUID, Long> commits = new ConcurrentHashMap<>();
        try (OutboxRelay relay = new OutboxRelay(vertx, pgOptions, kafka, OutboxRelay.Settings.defaults())) {
            relay.start();
            // Warms the whole path (relay, producer, broker, consumer) before anything is measured.
            System.err.println("warming up the relay ...");
            Writers.run("relay warm-up", WRITERS, Duration.ZERO, warmup, 0, w -> newStream(kernel, commits::put),
                    this::cpu);
            maxReceived(commits.keySet(), receiver);
            commits.clear();
            System.err.printf("running relay at %d events/s ...%n", relayRate);
            Result moderate = Writers.run("d1", RELAY_WRITERS, warmup, measure,
                    relayRate / (double) RELAY_WRITERS, w -> newStream(kernel, commits::put), this::cpu);
            relayRow(String.format(Locale.ROOT, "d1 moderate: %d writers at %d ev/s", RELAY_WRITERS, relayRate),
                    moderate, commits, receiver);

            commits.clear();
            System.err.println("running relay burst ...");
            Result burst = Writers.run("d2", WRITERS, warmup, measure, 0, w -> newStream(kernel, commits::put),
                    this::cpu);
            long writesEnd = System.nanoTime();
            long backlog = count("SELECT count(*) FROM outbox");
            relayRow(String.format(Locale.ROOT, "d2 burst: %d writers unpaced", WRITERS), burst, commits, receiver);
            long drained = maxReceived(commits.keySet(), receiver);
            long firstCommit = Collections.min(commits.values());
            relayRows.add(String.format(Locale.ROOT,
                    "   d2: %d events appended, outbox backlog %d when the writers stopped, the last one received "
                            + "%.0f ms later; the relay kept up %.0f ev/s over the whole burst",
                    commits.size(), backlog, Math.max(0, drained - writesEnd) / 1e6,
                    commits.size() / ((drained - firstCommit) / 1e9)));
        }
    }

    /** The relay's own capacity: a backlog written while no relay runs, then drained by a fresh one. */
    private void relayDrain(Kernel kernel, Map<String, Object> kafka, Receiver receiver) throws Exception {
        sql("TRUNCATE events, outbox");
        sql("CHECKPOINT");
        Map<UUID, Long> commits = new ConcurrentHashMap<>();
        System.err.println("writing a backlog for the relay ...");
        Writers.run("d3", WRITERS, Duration.ZERO, Duration.ofSeconds(Math.max(1, measure.toSeconds() / 2)), 0,
                w -> newStream(kernel, commits::put), this::cpu);
        long backlog = count("SELECT count(*) FROM outbox");
        long start = System.nanoTime();
        try (OutboxRelay relay = new OutboxRelay(vertx, pgOptions, kafka, OutboxRelay.Settings.defaults())) {
            relay.start();
            long done = maxReceived(commits.keySet(), receiver);
            relayRows.add(String.format(Locale.ROOT,
                    "d3 drain: a fresh relay published a %d-row backlog in %.0f ms: %.0f ev/s (load %s)", backlog,
                    (done - start) / 1e6, backlog / ((done - start) / 1e9), Stats.loadAverage().split(" ")[0]));
        }
    }

    private static Receiver startReceiver(KafkaBroker broker) {
        broker.createTopics(3, TOPIC);
        return new Receiver(broker.bootstrapServers(), TOPIC);
    }

    /** Latency from commit to receipt of the events committed inside the result's measured window. */
    private void relayRow(String name, Result appends, Map<UUID, Long> commits, Receiver receiver)
            throws InterruptedException {
        if (!receiver.awaitAll(commits.keySet(), Duration.ofSeconds(60))) {
            System.err.println("warning: some events did not reach Kafka within 60 s");
        }
        Writers.LongList latencies = new Writers.LongList();
        long missing = 0;
        for (Map.Entry<UUID, Long> commit : commits.entrySet()) {
            if (commit.getValue() < appends.windowStart() || commit.getValue() >= appends.windowEnd()) {
                continue;
            }
            Long received = receiver.receivedAt(commit.getKey());
            if (received == null) {
                missing++;
            } else {
                latencies.add(received - commit.getValue());
            }
        }
        long[] sorted = latencies.toArray();
        Arrays.sort(sorted);
        relayRows.add(String.format(Locale.ROOT, "%-52s %7d %8.0f %7.1f %7.1f %7.1f %7.1f %7.1f/%-6.1f %s", name,
                sorted.length, appends.eventsPerSecond(),
                Stats.percentileMillis(sorted, 50), Stats.percentileMillis(sorted, 90),
                Stats.percentileMillis(sorted, 99), Stats.percentileMillis(sorted, 100),
                appends.latencyMillis(50), appends.latencyMillis(99),
                (missing > 0 ? missing + " not received; " : "") + "load " + Stats.loadAverage().split(" ")[0]
                        + ", others " + appends.cpu().others()));
    }

    /** Waits for all the events and answers when the last of them arrived. */
    private static long maxReceived(Iterable<UUID> eventIds, Receiver receiver) throws InterruptedException {
        if (!receiver.awaitAll(eventIds, Duration.ofSeconds(120))) {
            throw new IllegalStateException("events did not reach Kafka within 120 s");
        }
        long last = Long.MIN_VALUE;
        for (UUID id : eventIds) {
            last = Math.max(last, receiver.receivedAt(id));
        }
        return last;
    }

    // ---------------------------------------------------------------- output

    private void printMachine(String load) throws SQLException {
        System.out.printf("Lifeline kernel benchmark, %s%n", Instant.now());
        System.out.printf("machine: %d cores; JDK %s (%s)%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), System.getProperty("java.vm.vendor"));
        System.out.printf("PostgreSQL: %s%n", query("SELECT version()"));
        System.out.printf("  fsync=%s synchronous_commit=%s full_page_writes=%s wal_sync_method=%s "
                        + "shared_buffers=%s (read back with SHOW)%n", show("fsync"), show("synchronous_commit"),
                show("full_page_writes"), show("wal_sync_method"), show("shared_buffers"));
        String dataDirectory = show("data_directory");
        System.out.printf("  data directory %s%n", dataDirectory);
        try {
            postgresUid = (Integer) Files.getAttribute(Path.of(dataDirectory), "unix:uid");
        } catch (IOException | RuntimeException e) {
            System.out.println("  (cannot read the data directory: the 'others' column counts PostgreSQL too)");
        }
        System.out.printf("phases: %d s warm-up + %d s measured each; %d writers (platform threads blocking on "
                + "their own transactions), reactive pool of %d%n", warmup.toSeconds(), measure.toSeconds(),
                WRITERS, WRITERS);
        System.out.println("kernel as shipped: CommandExecutor.execute(null, tx -> EventStore.append(...)), commit "
                + "then OutboxSignal.poke(); cachePreparedStatements=true; relay Settings.defaults()");
        System.out.printf("load average before: %s%n", load);
    }

    /** The user triggers on the outbox table once migrated: the kernel has none (writers NOTIFY after commit). */
    private String outboxTriggers() throws SQLException {
        return query("SELECT coalesce(string_agg(tgname, ', '), 'none') FROM pg_trigger "
                + "WHERE tgrelid = 'outbox'::regclass AND NOT tgisinternal");
    }

    private void printAppendTable() {
        System.out.printf("%n%-50s %7s %8s %6s %6s %6s %11s %5s %6s%n", "phase (8 writers)", "tx/s", "events/s",
                "p50 ms", "p99 ms", "tx/raw", "cpu us/tx", "load", "others");
        for (Row row : rows) {
            Result r = row.result();
            if (r == null) {
                System.out.println(row.name().isEmpty() ? "" : "-- " + row.name());
                continue;
            }
            System.out.printf(Locale.ROOT, "%-50s %7.0f %8.0f %6.2f %6.2f %6.2f %11s %5s %6s%n", row.name(),
                    r.transactionsPerSecond(), r.eventsPerSecond(), r.latencyMillis(50), r.latencyMillis(99),
                    r.transactionsPerSecond() / rawRate, r.cpuPerTransaction(), row.load(), r.cpu().others());
        }
        System.out.println("(p50/p99: latency of a whole transaction as its writer sees it, commit included; "
                + "tx/raw: against the mean of a and a2;");
        System.out.println(" cpu us/tx: CPU microseconds per transaction of this JVM / of PostgreSQL; load: 1-min "
                + "load average at the end of the phase,");
        System.out.println(" the benchmark's own threads included; others: share of all CPUs taken by other "
                + "processes during the measured window)");
    }

    private void printRelayTable() {
        System.out.printf("%n%-52s %7s %8s %7s %7s %7s %7s %14s%n", "relay: commit -> Kafka receipt", "events",
                "ev/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "append p50/p99");
        relayRows.forEach(System.out::println);
        System.out.println("(latency: consumer receipt minus the moment the writer's commit returned; events: "
                + "those committed in the measured window)");
    }

    // ---------------------------------------------------------------- helpers

    private static NewEvent event() {
        return new NewEvent(UUID.randomUUID(), "PledgeMade", 1, payload(),
                new EventMetadata(UUID.randomUUID(), null, "bench", null, Instant.now()));
    }

    /** About 150 bytes of JSON, like a pledge. */
    static String payload() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "{\"needId\":\"" + UUID.randomUUID() + "\",\"donorId\":\"" + UUID.randomUUID()
                + "\",\"item\":\"drinking-water\",\"quantity\":" + random.nextInt(1, 1000) + ",\"unit\":\"litre\"}";
    }

    /** A pool as the services have (statements cached), of one connection per writer. */
    private Pool pool() {
        return Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(WRITERS))
                .connectingTo(pgOptions)
                .using(vertx.getDelegate())
                .build());
    }

    private Stats.Cpu cpu() {
        return Stats.Cpu.sample(postgresUid);
    }

    private Connection jdbc() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, "");
    }

    private void sql(String statement) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute(statement);
        }
    }

    private String query(String select) throws SQLException {
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(select)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long count(String select) throws SQLException {
        return Long.parseLong(query(select));
    }

    private String show(String setting) throws SQLException {
        return query("SHOW " + setting);
    }

    private void close() throws SQLException {
        admin.close();
        vertx.close().await().indefinitely();
    }
}
