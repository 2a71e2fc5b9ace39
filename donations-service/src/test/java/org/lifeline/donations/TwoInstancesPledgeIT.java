package org.lifeline.donations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.testing.TestInfra;
import org.lifeline.testing.TestPostgres;
import org.lifeline.testing.TestTokens;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hard rule, for real: two running instances of the built service ({@code quarkus-run.jar}),
 * one database, one need of 100, and 50 simultaneous pledges split between them. The sum of
 * reservations ends exactly at what was accepted and never above the request; every refusal
 * carried the outstanding quantity of its moment; the ledger stream and the need view agree.
 */
class TwoInstancesPledgeIT {

    private static final int REQUESTED = 100;
    private static final int PLEDGES = 50;
    private static final String DATABASE = "donations_it";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<Process> instances = new ArrayList<>();
    private static final List<String> baseUrls = new ArrayList<>();
    private static DataSource database;
    private static HttpClient http;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        Path app = Path.of(System.getProperty("donations.app", "target/quarkus-app/quarkus-run.jar"));
        assertThat(app).as("the packaged service (run after package)").exists();
        Path work = Path.of(System.getProperty("donations.work", "target/it"));
        Files.createDirectories(work);
        Path publicKey = work.resolve("jwt-public.pem");
        Files.writeString(publicKey, TestTokens.publicKeyPem());

        TestPostgres postgres = TestInfra.postgres();
        postgres.createDatabase(DATABASE);
        database = postgres.dataSource(DATABASE);
        String kafka = TestInfra.kafkaBootstrap();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();

        String java = ProcessHandle.current().info().command().orElse("java");
        for (String name : List.of("a", "b")) {
            int port = freePort();
            List<String> command = List.of(java, "-Xmx256m",
                    "-Djava.io.tmpdir=" + work.toAbsolutePath(),
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(DATABASE),
                    "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(DATABASE),
                    "-Dquarkus.datasource.username=" + postgres.username(),
                    "-Dquarkus.datasource.password=" + postgres.password(),
                    "-Dkafka.bootstrap.servers=" + kafka,
                    "-Dmp.jwt.verify.publickey.location=file:" + publicKey.toAbsolutePath(),
                    "-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER,
                    "-jar", app.toAbsolutePath().toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("instance-" + name + ".log").toFile()).start();
            instances.add(process);
            baseUrls.add("http://localhost:" + port);
        }
        // Ours to stop, even when this JVM is ended before @AfterAll.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> instances.forEach(Process::destroy)));
        for (int n = 0; n < instances.size(); n++) {
            int i = n;
            Process process = instances.get(i);
            String ready = baseUrls.get(i) + "/q/health/ready";
            await("instance " + i + " ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("instance " + i + " exited with " + process.exitValue()
                                    + "; see " + work.resolve("instance-" + (i == 0 ? "a" : "b") + ".log"));
                        }
                        return status(HttpRequest.newBuilder(URI.create(ready)).GET().build()) == 200;
                    });
        }
    }

    @AfterAll
    static void stopThem() throws InterruptedException {
        for (Process process : instances) {
            process.destroy();
        }
        for (Process process : instances) {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** What one pledge asked for and was answered. */
    record Attempt(int instance, int quantity, String policy, int status, JsonNode body) {
        boolean accepted() {
            return status == 201;
        }
    }

    @Test
    void fifty_simultaneous_pledges_on_two_instances_never_reserve_more_than_requested() throws Exception {
        UUID organisation = UUID.randomUUID();
        NeedPosted need;
        try (CampaignsFeed feed = new CampaignsFeed(TestInfra.kafkaBootstrap())) {
            need = feed.postNeed(organisation, REQUESTED);
        }
        UUID needId = need.needId();
        String coordinator = TestTokens.coordinator(UUID.randomUUID(), organisation);
        // Both instances know the need (its row of the local view) before anyone pledges.
        for (String base : baseUrls) {
            await("need known at " + base).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> status(HttpRequest.newBuilder(URI.create(base + "/api/v1/needs/" + needId + "/pledges"))
                            .header("Authorization", "Bearer " + coordinator).GET().build()) == 200);
        }

        List<Attempt> attempts = burst(needId);

        // Every request was decided: reserved, or refused for the need's state; none lost the race for good.
        assertThat(attempts).extracting(Attempt::status).allMatch(s -> s == 201 || s == 409);
        assertThat(attempts).filteredOn(a -> a.instance() == 0).hasSize(PLEDGES / 2);
        assertThat(attempts).filteredOn(a -> a.instance() == 1).hasSize(PLEDGES / 2);
        List<Attempt> accepted = attempts.stream().filter(Attempt::accepted).toList();
        List<Attempt> refused = attempts.stream().filter(a -> !a.accepted()).toList();
        int reserved = accepted.stream().mapToInt(a -> a.body().get("reserved").asInt()).sum();
        int outstandingAtEnd = REQUESTED - reserved;

        assertThat(reserved).isBetween(1, REQUESTED);
        for (Attempt a : accepted) {
            int got = a.body().get("reserved").asInt();
            if (a.policy().equals("ALL_OR_NOTHING")) {
                assertThat(got).isEqualTo(a.quantity());
            } else {
                assertThat(got).isBetween(1, a.quantity());
            }
        }
        for (Attempt a : refused) {
            String reason = a.body().get("reason").asText();
            int outstanding = a.body().get("outstanding").asInt();
            // Reservations only grew during the burst: what was outstanding then is at least what is left now.
            assertThat(outstanding).as("%s", a).isBetween(outstandingAtEnd, REQUESTED);
            if (reason.equals("DOES_NOT_FIT")) {
                assertThat(a.policy()).isEqualTo("ALL_OR_NOTHING");
                assertThat(outstanding).as("%s", a).isPositive().isLessThan(a.quantity());
            } else {
                assertThat(reason).as("%s", a).isEqualTo("NOTHING_OUTSTANDING");
                assertThat(outstanding).isZero();
            }
        }
        // A PARTIAL pledge is refused only when nothing is left: then the need is full to the unit.
        if (refused.stream().anyMatch(a -> a.policy().equals("PARTIAL"))
                || refused.stream().anyMatch(a -> a.body().get("outstanding").asInt() == 0)) {
            assertThat(reserved).isEqualTo(REQUESTED);
        }

        // The ledger stream says the same, version by version.
        List<int[]> ledger = rows("SELECT version, (payload->>'reserved')::int FROM events WHERE stream_id = ?"
                + " AND stream_type = 'pledge' ORDER BY version", needId.toString());
        assertThat(ledger).hasSize(accepted.size());
        for (int i = 0; i < ledger.size(); i++) {
            assertThat(ledger.get(i)[0]).isEqualTo(i + 1);
        }
        assertThat(ledger.stream().mapToInt(row -> row[1]).sum()).isEqualTo(reserved);

        // Each refusal is recorded with the outstanding quantity it answered.
        Map<String, Integer> recorded = new HashMap<>();
        for (Map.Entry<String, Integer> entry : rejections(needId).entrySet()) {
            recorded.put(entry.getKey(), entry.getValue());
        }
        assertThat(recorded).hasSize(refused.size());
        for (Attempt a : refused) {
            assertThat(recorded.get(a.body().get("pledgeId").asText()))
                    .isEqualTo(a.body().get("outstanding").asInt());
        }

        // And the need view agrees.
        List<int[]> view = rows("SELECT reserved, ledger_version::int FROM need_capacity WHERE need_id = ?::uuid",
                needId.toString());
        assertThat(view.getFirst()).containsExactly(reserved, accepted.size());
        assertThat(rows("SELECT coalesce(sum(reserved), 0)::int, count(*)::int FROM pledges WHERE need_id = ?::uuid",
                needId.toString()).getFirst()).containsExactly(reserved, accepted.size());
        // The race was real: pledges lost on the ledger's version and were decided again.
        double conflicts = 0;
        for (String base : baseUrls) {
            conflicts += conflicts(base);
        }
        assertThat(conflicts).isPositive();
        System.out.printf("two instances: %d pledges, %d reserved (%d units of %d), %d refused, %.0f lost races"
                + " decided again%n", PLEDGES, accepted.size(), reserved, REQUESTED, refused.size(), conflicts);
    }

    /** Fires the pledges all at once, alternating between the instances, with mixed quantities and policies. */
    private static List<Attempt> burst(UUID needId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PLEDGES);
        CountDownLatch ready = new CountDownLatch(PLEDGES);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Attempt>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < PLEDGES; i++) {
                int instance = i % 2;
                int quantity = 1 + (i * 7) % 6;
                String policy = i % 3 == 0 ? "PARTIAL" : "ALL_OR_NOTHING";
                String token = TestTokens.donor(UUID.randomUUID());
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrls.get(instance) + "/api/v1/pledges"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"needId\": \"%s\", \"quantity\": %d, \"policy\": \"%s\"}"
                                .formatted(needId, quantity, policy)))
                        .build();
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    return new Attempt(instance, quantity, policy, response.statusCode(), JSON.readTree(response.body()));
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            long start = System.nanoTime();
            go.countDown();
            List<Attempt> attempts = new ArrayList<>();
            for (Future<Attempt> future : futures) {
                attempts.add(future.get(90, TimeUnit.SECONDS));
            }
            System.out.printf("two instances: %d simultaneous pledges answered in %d ms%n", PLEDGES,
                    (System.nanoTime() - start) / 1_000_000);
            return attempts;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Integer> rejections(UUID needId) throws SQLException {
        Map<String, Integer> found = new HashMap<>();
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT stream_id,"
                     + " (payload->>'outstanding')::int FROM events WHERE stream_type = 'pledge-attempt'"
                     + " AND payload->>'needId' = ?")) {
            statement.setString(1, needId.toString());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return found;
    }

    private static List<int[]> rows(String sql, String parameter) throws SQLException {
        List<int[]> found = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new int[]{rows.getInt(1), rows.getInt(2)});
                }
            }
        }
        return found;
    }

    /** The instance's count of ledger writes that lost the race (Prometheus text format). */
    private static double conflicts(String base) throws IOException, InterruptedException {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("lifeline_pledge_ledger_conflicts_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static int status(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
