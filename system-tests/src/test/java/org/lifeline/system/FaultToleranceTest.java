package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.launcher.Reconciliation;
import org.lifeline.launcher.ServiceSpec;

/**
 * Faults injected one at a time under a steady load of pledges and donations through the gateway: a poison
 * event, the broker stopped and started, PostgreSQL stopped and started, relief-feed-service and
 * donations-service killed (SIGKILL; the launcher brings them back). Each ends with every acknowledged command
 * present exactly once in the donations store and in the feed, nothing doubled by the clients' retries, and the
 * reconciliation finding no drift; clients never wait past their timeout and every 503 says when to retry.
 */
@ExtendWith(RunningStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE) // after every other class: it attacks the stack they share
class FaultToleranceTest {

    /** Every request of the load gives up after this; none may need it (the gateway answers 503 long before). */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    /** How long one command is retried: longer than a crashed service takes to come back. */
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(150);
    private static final int MAX_COMMANDS_PER_DONOR = 600;
    private static final int DONORS = 3;
    private static final Duration RECOVERY = Duration.ofSeconds(180);
    private static final Duration CATCH_UP = Duration.ofSeconds(120);
    private static final String DONATIONS_TOPIC = "lifeline.donations.v1";

    private static final List<String> FIGURES = new CopyOnWriteArrayList<>();
    private static final AtomicInteger FAULTS_INJECTED = new AtomicInteger();
    private static final AtomicInteger FAULTS_SURVIVED = new AtomicInteger();
    private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final List<Api> CLIENTS = new ArrayList<>();
    private static final List<Api.Account> DONOR_ACCOUNTS = new ArrayList<>();
    private static final List<String> NEEDS = new ArrayList<>();
    private static String campaign;

    @BeforeAll
    static void organise(RunningStack stack) {
        Relief relief = Relief.organise(stack, 22, "Steady Relief");
        campaign = relief.campaign("Earthquake in the hills, under steady load");
        for (String item : List.of("blankets", "water", "tents")) {
            NEEDS.add(relief.need(campaign, item, 10_000_000, "EXACT"));
        }
        relief.matchPool(campaign, 10_000_000, "CNY");
        for (int i = 0; i < DONORS; i++) {
            // Each donor signs up from an address of its own, as people do, and sends from it.
            Api client = new Api(stack.gateway(), Relief.loopback(23 + i), CLIENT_TIMEOUT);
            CLIENTS.add(client);
            DONOR_ACCOUNTS.add(client.donor("Steady donor " + i));
        }
    }

    @AfterAll
    static void printFigures() {
        System.out.printf("%nFault tests: %d faults injected, %d survived with every acknowledged command exactly"
                + " once and no drift%n", FAULTS_INJECTED.get(), FAULTS_SURVIVED.get());
        FIGURES.forEach(System.out::println);
    }

    @Test
    @Order(1)
    void a_poison_event_is_dead_lettered_and_later_events_still_reach_the_feed(RunningStack stack) throws Exception {
        String poisonId = UUID.randomUUID().toString();
        byte[] garbage = ("\u0000\u00ff not an event " + poisonId).getBytes(StandardCharsets.UTF_8);
        underLoad(stack, "poison events on " + DONATIONS_TOPIC, load -> {
            try (KafkaProducer<String, byte[]> producer = producer(stack)) {
                // On the key of a need the load pledges to, so its later events share the poison's partition.
                producer.send(new ProducerRecord<>(DONATIONS_TOPIC, NEEDS.get(0), garbage)).get();
                producer.send(unknownShape(poisonId, NEEDS.get(0))).get();
            }
            await("both poison records dead-lettered by the feed").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> deadLetteredByFeed(stack, poisonId, garbage), found -> found == 2);
        });
    }

    @Test
    @Order(2)
    void the_broker_stopped_and_started_again_loses_and_doubles_nothing(RunningStack stack) throws Exception {
        underLoad(stack, "Kafka broker stopped and restarted", load -> {
            stack.stack().stopKafka();
            try {
                // Commands are still taken: they wait in the outbox until the broker is back.
                int before = load.acknowledgedCount();
                await("commands acknowledged while the broker is down").atMost(Duration.ofSeconds(90))
                        .until(() -> load.acknowledgedCount() >= before + 20);
            } finally {
                stack.stack().startKafka();
            }
        });
    }

    @Test
    @Order(3)
    void postgresql_stopped_and_started_again_answers_503_meanwhile_and_loses_and_doubles_nothing(
            RunningStack stack) throws Exception {
        underLoad(stack, "PostgreSQL stopped and restarted", load -> {
            stack.stack().stopPostgres();
            try {
                int before = load.figures().unavailable();
                await("clients told the service is unavailable (503)").atMost(Duration.ofSeconds(90))
                        .until(() -> load.figures().unavailable() >= before + 3);
            } finally {
                stack.stack().startPostgres();
            }
        });
    }

    @Test
    @Order(4)
    void relief_feed_killed_comes_back_and_catches_up(RunningStack stack) throws Exception {
        underLoad(stack, "relief-feed-service killed (SIGKILL)", load -> killAndAwaitRestart(stack,
                ServiceSpec.RELIEF_FEED));
    }

    @Test
    @Order(5)
    void donations_killed_comes_back_and_loses_and_doubles_nothing(RunningStack stack) throws Exception {
        underLoad(stack, "donations-service killed (SIGKILL)", load -> killAndAwaitRestart(stack,
                ServiceSpec.DONATIONS));
    }

    private interface Fault {
        void inject(SteadyLoad load) throws Exception;
    }

    /** Runs the load, injects the fault once the load is steady, and checks what came out of it. */
    private static void underLoad(RunningStack stack, String name, Fault fault) throws Exception {
        FAULTS_INJECTED.incrementAndGet();
        SteadyLoad load = new SteadyLoad(CLIENTS, DONOR_ACCOUNTS, NEEDS, campaign, MAX_COMMANDS_PER_DONOR,
                COMMAND_DEADLINE).start();
        try {
            await("a steady load").atMost(Duration.ofSeconds(60)).until(() -> load.acknowledgedCount() >= 15);
            fault.inject(load);
            int recovered = load.acknowledgedCount();
            await("commands acknowledged again after: " + name).atMost(RECOVERY)
                    .until(() -> load.acknowledgedCount() >= recovered + 15);
        } catch (Exception | AssertionError e) {
            System.out.println(name + " failed: " + load.figures());
            load.abandon();
            throw e;
        }
        load.stop();
        SteadyLoad.Figures figures = load.figures();
        FIGURES.add(name + ": " + figures);
        System.out.println(name + ": " + figures);

        ExactlyOnce.check(stack, load, CATCH_UP);
        Reconciliation.Report report = await("no drift after: " + name).atMost(CATCH_UP)
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(Reconciliation.of(stack.layout())::run, Reconciliation.Report::clean);
        FIGURES.add("  reconciliation: " + report.summary());
        System.out.println("  reconciliation: " + report.summary());

        assertThat(load.refusals()).as("commands refused outright").isEmpty();
        assertThat(figures.gaveUp()).as("commands never acknowledged within " + COMMAND_DEADLINE).isZero();
        assertThat(figures.timeouts()).as("requests that hung past the client timeout " + CLIENT_TIMEOUT).isZero();
        assertThat(figures.longestRequest()).isLessThan(CLIENT_TIMEOUT);
        assertThat(figures.brokenExchanges()).as("requests the gateway dropped without an answer").isZero();
        assertThat(figures.unavailableWithoutRetryAfter()).as("503s and 429s without Retry-After").isZero();
        assertThat(figures.serverErrors()).as("5xx other than 502, 503 and 504").isZero();
        FAULTS_SURVIVED.incrementAndGet();
    }

    /** SIGKILL, then wait for the launcher to notice and start the service again. */
    private static void killAndAwaitRestart(RunningStack stack, ServiceSpec service) {
        stack.stack().kill(service);
        await(service.name() + " down").atMost(Duration.ofSeconds(30)).until(() -> !ready(stack, service));
        await(service.name() + " restarted by the launcher and ready").atMost(RECOVERY)
                .pollInterval(Duration.ofSeconds(1)).until(() -> ready(stack, service));
    }

    private static boolean ready(RunningStack stack, ServiceSpec service) {
        try {
            HttpResponse<Void> answer = HEALTH.send(HttpRequest.newBuilder(stack.layout().readinessUrl(service))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ----- poison on the donations topic -----

    /** A well-formed CloudEvent of a type the feed reads, with data of a shape it cannot read. */
    private static ProducerRecord<String, byte[]> unknownShape(String eventId, String key) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(DONATIONS_TOPIC, key,
                "{\"donationId\": \"not-a-uuid\", \"amount\": \"a lot\"}".getBytes(StandardCharsets.UTF_8));
        Map.of("ce_specversion", "1.0", "ce_id", eventId, "ce_type", "org.lifeline.donation.DonationReceived.v1",
                "ce_source", "/system-tests", "ce_subject", key, "ce_time", Instant.now().toString(),
                "ce_streamversion", "1", "content-type", "application/json")
                .forEach((name, value) -> record.headers().add(new RecordHeader(name,
                        value.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    /** How many of the two poison records the feed's projection dead-lettered so far. */
    /** Which of the two poison records the feed dead-lettered (a redelivery may dead-letter one twice). */
    private static int deadLetteredByFeed(RunningStack stack, String poisonId, byte[] garbage) {
        boolean unknownShape = false;
        boolean unreadable = false;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(stack),
                ConsumerConfig.GROUP_ID_CONFIG, "system-tests-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DONATIONS_TOPIC + ".dlq"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int empty = 0;
            while (System.nanoTime() < deadline && empty < 3) {
                var records = consumer.poll(Duration.ofSeconds(1));
                empty = records.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    if ("relief-feed".equals(header(record, "lifeline_dlq_consumer"))) {
                        unknownShape |= poisonId.equals(header(record, "ce_id"));
                        unreadable |= java.util.Arrays.equals(garbage, record.value());
                    }
                }
            }
        }
        return (unknownShape ? 1 : 0) + (unreadable ? 1 : 0);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, byte[]> producer(RunningStack stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(stack),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static String bootstrap(RunningStack stack) {
        return "127.0.0.1:" + stack.layout().kafkaPort();
    }
}
