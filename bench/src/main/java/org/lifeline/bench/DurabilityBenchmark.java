package org.lifeline.bench;

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
import java.util.UUID;

import org.lifeline.bench.Writers.Result;
import org.lifeline.infra.Postgres;

/**
 * What the local stack's durable PostgreSQL costs: the embedded server the launcher runs, started twice on this
 * disk, once durable (fsync, synchronous_commit and full_page_writes on, the default) and once throwaway (all
 * three off, LIFELINE_PG_DURABLE=false), the same single-row JSONB INSERT transactions (autocommit) from 8
 * writers against each, in interleaved rounds so that drift of the machine's load hits both alike. Prints
 * transactions/s and p50/p99 per round and per kind, and the ratio durable/throwaway. Not a test: run it with
 * {@code bench/run.sh durability}.
 *
 * <p>System properties: bench.seconds (measured seconds per round, 10), bench.warmupSeconds (2), bench.rounds
 * (rounds of each kind, 3), bench.workDir (where the two data directories go, target).
 */
public final class DurabilityBenchmark {

    private static final int WRITERS = 8;
    private static final String INSERT = "INSERT INTO pledges (id, payload) VALUES (?, ?::jsonb)";

    private record Kind(String name, Postgres server) {
    }

    private DurabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmupSeconds", 2));
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path workDir = Path.of(System.getProperty("bench.workDir", "target")).toAbsolutePath().resolve("durability");

        System.out.printf("Lifeline local PostgreSQL durability benchmark, %s%n", Instant.now());
        System.out.printf("machine: %d cores; JDK %s; load average %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), Stats.loadAverage());
        try (Postgres durable = Postgres.start(workDir.resolve("durable"), 0, new Postgres.Settings(true, null, true));
             Postgres throwaway = Postgres.start(workDir.resolve("throwaway"), 0, new Postgres.Settings(false, null, true))) {
            List<Kind> kinds = List.of(new Kind("durable", durable), new Kind("throwaway", throwaway));
            for (Kind kind : kinds) {
                prepare(kind.server());
                System.out.printf("%-9s %s; fsync=%s synchronous_commit=%s full_page_writes=%s (read back with SHOW)%n",
                        kind.name(), show(kind.server(), "data_directory"), show(kind.server(), "fsync"),
                        show(kind.server(), "synchronous_commit"), show(kind.server(), "full_page_writes"));
            }
            System.out.printf("%d rounds of each, interleaved; each %d s warm-up + %d s measured; %d writers, one "
                    + "JDBC connection each, INSERT of one ~150 B JSONB row per transaction (autocommit)%n%n",
                    rounds, warmup.toSeconds(), measure.toSeconds(), WRITERS);
            System.out.printf("%-22s %10s %9s %9s  %s%n", "round", "tx/s", "p50 ms", "p99 ms", "load");

            List<List<Result>> results = List.of(new ArrayList<>(), new ArrayList<>());
            for (int round = 1; round <= rounds; round++) {
                // Alternate which kind goes first, so neither always runs right after the other's checkpoint.
                List<Integer> order = round % 2 == 1 ? List.of(0, 1) : List.of(1, 0);
                for (int k : order) {
                    Kind kind = kinds.get(k);
                    Result result = round(kind, round, warmup, measure);
                    results.get(k).add(result);
                    System.out.printf(Locale.ROOT, "%-22s %10.0f %9.2f %9.2f  %s%n", kind.name() + " round " + round,
                            result.transactionsPerSecond(), result.latencyMillis(50), result.latencyMillis(99),
                            Stats.loadAverage().split(" ")[0]);
                }
            }

            System.out.println();
            double[] rates = new double[2];
            double[][] percentiles = new double[2][];
            for (int k = 0; k < 2; k++) {
                List<Result> all = results.get(k);
                long transactions = all.stream().mapToLong(Result::transactions).sum();
                double seconds = all.stream().mapToDouble(Result::seconds).sum();
                long[] latencies = all.stream().flatMapToLong(result -> Arrays.stream(result.latencies())).sorted().toArray();
                rates[k] = transactions / seconds;
                percentiles[k] = new double[] {Stats.percentileMillis(latencies, 50), Stats.percentileMillis(latencies, 99)};
                System.out.printf(Locale.ROOT, "%-22s %10.0f %9.2f %9.2f  (%d transactions)%n", kinds.get(k).name() + " all",
                        rates[k], percentiles[k][0], percentiles[k][1], transactions);
            }
            System.out.printf(Locale.ROOT, "durable/throwaway: tx/s x%.2f, p50 x%.2f, p99 x%.2f%n",
                    rates[0] / rates[1], percentiles[0][0] / percentiles[1][0], percentiles[0][1] / percentiles[1][1]);
        }
    }

    private static Result round(Kind kind, int round, Duration warmup, Duration measure) throws SQLException {
        try (Connection admin = connect(kind.server()); Statement statement = admin.createStatement()) {
            // Each round from the same start: an empty table and no dirty pages of the round before.
            statement.execute("TRUNCATE pledges");
            statement.execute("CHECKPOINT");
        }
        List<Connection> connections = Collections.synchronizedList(new ArrayList<>());
        try {
            return Writers.run(kind.name() + "-" + round, WRITERS, warmup, measure, 0, writer -> {
                Connection connection = connect(kind.server());
                connections.add(connection);
                PreparedStatement insert = connection.prepareStatement(INSERT);
                return () -> {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, KernelBenchmark.payload());
                    insert.executeUpdate();
                    return 1;
                };
            }, () -> Stats.Cpu.sample(-1));
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static void prepare(Postgres server) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS pledges (id uuid PRIMARY KEY, payload jsonb NOT NULL)");
        }
    }

    private static String show(Postgres server, String setting) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Connection connect(Postgres server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password());
    }
}
