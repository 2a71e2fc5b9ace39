package org.lifeline.donations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.Coordinates;
import org.lifeline.contracts.Topics;
import org.lifeline.contracts.campaign.CampaignKind;
import org.lifeline.contracts.campaign.CampaignOpened;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.testing.CloudEventRecords;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hard rules, for real: two running instances of the built service ({@code quarkus-run.jar}),
 * one database, and bursts of simultaneous requests split between them (the instances are started
 * once for the class).
 * <ul>
 *   <li>Pledges: one need of 100 and 50 pledges. The sum of reservations ends exactly at what was
 *       accepted and never above the request; every refusal carried the outstanding quantity of its
 *       moment; the ledger stream and the need view agree.</li>
 *   <li>Matching funds: one match pool and 50 donations. The pool gives exactly what it has when demand
 *       exceeds it (exhausted once, one partial match at most), and exactly the demand when it does not;
 *       its stream has every version once and matches every donation at most once.</li>
 * </ul>
 */
class TwoInstancesIT {

    private static final int REQUESTED = 100;
    private static final int PLEDGES = 50;
    private static final int DONORS = 50;
    private static final String CNY = "CNY";
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

    /** What one donation gave, where, and how it was answered. */
    record Gift(int instance, long amount, int status, JsonNode body) {
        long matched() {
            return body.path("matched").path("amount").asLong();
        }

        String donationId() {
            return body.path("id").asText();
        }
    }

    /** One event of a match pool's stream, as stored. */
    record PoolEvent(long version, long position, String type, JsonNode payload) {
    }

    @Test
    void fifty_simultaneous_donations_on_two_instances_spend_a_match_pool_exactly_and_exhaust_it_once()
            throws Exception {
        long poolAmount = 25_500;
        UUID organisation = UUID.randomUUID();
        String coordinator = TestTokens.coordinator(UUID.randomUUID(), organisation);
        UUID campaignId = openCampaign(organisation);
        String poolId = openPool(coordinator, campaignId, poolAmount);

        List<Gift> gifts = giveAtOnce(campaignId, DONORS);

        // Every gift is received, matched or not: a pool running dry is no reason to refuse money.
        assertThat(gifts).extracting(Gift::status).containsOnly(201);
        assertThat(gifts).filteredOn(g -> g.instance() == 0).hasSize(DONORS / 2);
        assertThat(gifts).filteredOn(g -> g.instance() == 1).hasSize(DONORS / 2);
        assertThat(gifts.stream().mapToLong(Gift::amount).sum()).as("demand").isGreaterThan(poolAmount);
        assertThat(gifts.stream().map(Gift::donationId).distinct()).hasSize(DONORS);
        for (Gift g : gifts) {
            assertThat(g.body().path("matched").path("currency").asText()).isEqualTo(CNY);
            assertThat(g.matched()).as("%s", g).isBetween(0L, g.amount());
            // A match names its pool; no match, no pool.
            assertThat(g.body().path("matchPoolId").asText(null)).as("%s", g)
                    .isEqualTo(g.matched() > 0 ? poolId : null);
        }
        assertThat(gifts.stream().mapToLong(Gift::matched).sum()).isEqualTo(poolAmount);
        List<Gift> full = gifts.stream().filter(g -> g.matched() == g.amount()).toList();
        List<Gift> partial = gifts.stream().filter(g -> g.matched() > 0 && g.matched() < g.amount()).toList();
        List<Gift> none = gifts.stream().filter(g -> g.matched() == 0).toList();
        assertThat(partial).hasSizeLessThanOrEqualTo(1);

        // Both instances read the same pool: empty, exhausted.
        for (String base : baseUrls) {
            JsonNode pool = getPool(base, poolId);
            assertThat(pool.path("status").asText()).isEqualTo("EXHAUSTED");
            assertThat(pool.path("remaining").path("amount").asLong()).isZero();
            assertThat(pool.path("matched").path("amount").asLong()).isEqualTo(poolAmount);
        }

        // The pool's stream: opened, one match per matched gift, then exhausted once, every version once.
        List<PoolEvent> stream = poolEvents(poolId);
        List<PoolEvent> applied = stream.stream().filter(e -> e.type().equals("MatchApplied")).toList();
        assertThat(stream).extracting(PoolEvent::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, stream.size()).boxed().toList());
        assertThat(stream.getFirst().type()).isEqualTo("MatchPoolOpened");
        assertThat(stream.getLast().type()).isEqualTo("MatchPoolExhausted");
        assertThat(stream).hasSize(applied.size() + 2);
        assertThat(count("SELECT count(*) FROM events WHERE event_type = 'MatchPoolExhausted'"
                + " AND stream_id = ?", poolId)).isEqualTo(1);
        assertThat(applied).hasSize(full.size() + partial.size());
        assertMatchesAgree(applied, gifts, poolAmount, poolAmount);
        // The cut match, if any, is the one that emptied the pool.
        for (int i = 0; i < applied.size() - 1; i++) {
            assertThat(applied.get(i).payload().path("full").asBoolean()).as("match %d", i + 1).isTrue();
        }
        assertThat(applied.getLast().payload().path("remaining").path("amount").asLong()).isZero();
        assertThat(applied.getLast().payload().path("full").asBoolean()).isEqualTo(partial.isEmpty());

        // The donations' read model says the same.
        assertThat(count("SELECT count(*) FROM donations WHERE campaign_id = ?::uuid", campaignId.toString()))
                .isEqualTo(DONORS);
        assertThat(count("SELECT coalesce(sum(matched), 0) FROM donations WHERE campaign_id = ?::uuid",
                campaignId.toString())).isEqualTo(poolAmount);
        assertThat(count("SELECT count(*) FROM donations WHERE match_pool_id = ?::uuid AND matched > 0", poolId))
                .isEqualTo(applied.size());

        // The race was real: attempts that lost on the pool's version were rolled back (their events'
        // positions are missing from the log) and decided again.
        long lostPositions = lostPositions(stream.getFirst().position());
        assertThat(lostPositions).isPositive();
        System.out.printf("two instances, match pool of %d: %d donations, %d matched in full, %d in part (%d),"
                        + " %d not matched; %d event positions lost to rolled-back attempts%n", poolAmount, DONORS,
                full.size(), partial.size(), partial.isEmpty() ? 0 : partial.getFirst().matched(), none.size(),
                lostPositions);
    }

    @Test
    void simultaneous_donations_below_a_match_pool_on_two_instances_are_all_matched_in_full() throws Exception {
        int donors = 30;
        long poolAmount = 40_000;
        UUID organisation = UUID.randomUUID();
        String coordinator = TestTokens.coordinator(UUID.randomUUID(), organisation);
        UUID campaignId = openCampaign(organisation);
        String poolId = openPool(coordinator, campaignId, poolAmount);

        List<Gift> gifts = giveAtOnce(campaignId, donors);

        assertThat(gifts).extracting(Gift::status).containsOnly(201);
        long demand = gifts.stream().mapToLong(Gift::amount).sum();
        assertThat(demand).isLessThan(poolAmount);
        assertThat(gifts).allSatisfy(g -> {
            assertThat(g.matched()).as("%s", g).isEqualTo(g.amount());
            assertThat(g.body().path("matchPoolId").asText()).isEqualTo(poolId);
        });
        for (String base : baseUrls) {
            JsonNode pool = getPool(base, poolId);
            assertThat(pool.path("status").asText()).isEqualTo("OPEN");
            assertThat(pool.path("remaining").path("amount").asLong()).isEqualTo(poolAmount - demand);
            assertThat(pool.path("matched").path("amount").asLong()).isEqualTo(demand);
            assertThat(pool.path("version").asLong()).isEqualTo(1 + donors);
        }
        List<PoolEvent> stream = poolEvents(poolId);
        assertThat(stream).extracting(PoolEvent::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 1 + donors).boxed().toList());
        List<PoolEvent> applied = stream.stream().filter(e -> e.type().equals("MatchApplied")).toList();
        assertThat(applied).hasSize(donors);
        assertThat(applied).allSatisfy(e -> assertThat(e.payload().path("full").asBoolean()).isTrue());
        assertMatchesAgree(applied, gifts, poolAmount, demand);
        assertThat(count("SELECT count(*) FROM events WHERE event_type = 'MatchPoolExhausted'"
                + " AND stream_id = ?", poolId)).isZero();
        System.out.printf("two instances, match pool of %d: %d donations of %d matched in full, %d left%n",
                poolAmount, donors, demand, poolAmount - demand);
    }

    /**
     * The MatchApplied events, in stream order, against the answers: each donation matched once at most,
     * as it was told; the remaining amount in each event counts down from the pool without a gap; together
     * they give {@code total}.
     */
    private static void assertMatchesAgree(List<PoolEvent> applied, List<Gift> gifts, long pool, long total) {
        Map<String, Gift> byDonation = new HashMap<>();
        gifts.forEach(g -> byDonation.put(g.donationId(), g));
        Set<String> matchedOnce = new HashSet<>();
        long left = pool;
        long sum = 0;
        for (PoolEvent event : applied) {
            String donationId = event.payload().path("donationId").asText();
            long matched = event.payload().path("matched").path("amount").asLong();
            assertThat(matchedOnce.add(donationId)).as("donation %s matched twice", donationId).isTrue();
            Gift gift = byDonation.get(donationId);
            assertThat(gift).as("the answer for donation %s", donationId).isNotNull();
            assertThat(matched).as("%s", gift).isEqualTo(gift.matched()).isPositive();
            assertThat(event.payload().path("full").asBoolean()).isEqualTo(matched == gift.amount());
            left -= matched;
            sum += matched;
            assertThat(event.payload().path("remaining").path("amount").asLong()).as("after v%d", event.version())
                    .isEqualTo(left);
        }
        assertThat(sum).isEqualTo(total);
    }

    /** Plays campaigns-service: the campaign opens on {@code lifeline.campaigns.v1}; answers when it is known. */
    private static UUID openCampaign(UUID organisation) throws Exception {
        UUID campaignId = UUID.randomUUID();
        CampaignOpened opened = new CampaignOpened(campaignId, organisation, CampaignKind.EARTHQUAKE,
                "Sichuan earthquake relief", "Wenchuan County, Sichuan", new Coordinates(31.02, 103.43), null, null,
                Instant.now());
        CloudEventRecords.send(TestInfra.kafkaBootstrap(), List.of(CloudEventRecords.record(Topics.CAMPAIGNS,
                CampaignOpened.TYPE, campaignId.toString(), 1, ContractJson.mapper().writeValueAsString(opened))));
        // Whichever instance consumes it, the campaign directory is the one table both read in each command.
        await("campaign known").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> count("SELECT count(*) FROM campaign_directory WHERE campaign_id = ?::uuid",
                        campaignId.toString()) == 1);
        return campaignId;
    }

    /** Opens a CNY match pool at ratio 1.0 through instance A; answers its id. */
    private static String openPool(String coordinator, UUID campaignId, long amount) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(baseUrls.getFirst() + "/api/v1/campaigns/" + campaignId + "/match-pools"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + coordinator)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "pool-" + UUID.randomUUID())
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"sponsor": "Chengdu Tianfu Foundation", "ratio": 1.0,\
                                 "pool": {"amount": %d, "currency": "CNY"}}""".formatted(amount)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode pool = JSON.readTree(response.body());
        assertThat(pool.path("status").asText()).isEqualTo("OPEN");
        assertThat(pool.path("remaining").path("amount").asLong()).isEqualTo(amount);
        return pool.path("id").asText();
    }

    /**
     * {@code count} donors give at once, alternating between the instances: mostly 1 000 minor units, with
     * 1 250 and 730 among them so that the gift that empties a pool is likely cut.
     */
    private static List<Gift> giveAtOnce(UUID campaignId, int count) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Gift>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                int instance = i % 2;
                long amount = switch (i % 5) {
                    case 0 -> 1_250;
                    case 1 -> 730;
                    default -> 1_000;
                };
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrls.get(instance) + "/api/v1/donations"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + TestTokens.donor(UUID.randomUUID()))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "gift-" + UUID.randomUUID())
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"campaignId": "%s", "amount": {"amount": %d, "currency": "CNY"}}"""
                                .formatted(campaignId, amount)))
                        .build();
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    return new Gift(instance, amount, response.statusCode(), JSON.readTree(response.body()));
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            go.countDown();
            List<Gift> gifts = new ArrayList<>();
            for (Future<Gift> future : futures) {
                gifts.add(future.get(90, TimeUnit.SECONDS));
            }
            System.out.printf("two instances: %d simultaneous donations answered in %d ms%n", count,
                    (System.nanoTime() - start) / 1_000_000);
            return gifts;
        } finally {
            threads.shutdownNow();
        }
    }

    private static JsonNode getPool(String base, String poolId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/match-pools/" + poolId)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", base, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<PoolEvent> poolEvents(String poolId) throws SQLException, IOException {
        List<PoolEvent> found = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT version, global_position, event_type,"
                     + " payload::text FROM events WHERE stream_id = ? AND stream_type = 'match-pool'"
                     + " ORDER BY version")) {
            statement.setString(1, poolId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new PoolEvent(rows.getLong(1), rows.getLong(2), rows.getString(3),
                            JSON.readTree(rows.getString(4))));
                }
            }
        }
        return found;
    }

    /**
     * Positions of the event log taken after {@code from} by appends that were rolled back: an append that
     * lost the race on a stream's version (and the donation appended before it in the same transaction)
     * consumed its positions but left no row. Nothing else writes events while a test runs here.
     */
    private static long lostPositions(long from) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT max(global_position) - ? - count(*)"
                     + " FROM events WHERE global_position > ?")) {
            statement.setLong(1, from);
            statement.setLong(2, from);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long count(String sql, String parameter) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
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
