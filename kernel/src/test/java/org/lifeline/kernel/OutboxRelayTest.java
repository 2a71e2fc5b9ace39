package org.lifeline.kernel;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.NewEvent;
import org.lifeline.kernel.eventstore.Publication;
import org.lifeline.kernel.eventstore.RecordedEvent;
import org.lifeline.kernel.outbox.CloudEventHeaders;
import org.lifeline.kernel.outbox.OutboxRelay;
import org.lifeline.testing.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lifeline.kernel.KafkaTopics.header;
import static org.lifeline.kernel.TestEvents.counted;

class OutboxRelayTest {

    KernelDatabase db;
    EventStore store;
    String topic;
    OutboxRelay relay;
    final List<RecordedEvent> committed = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() {
        db = new KernelDatabase("kernel_relay");
        topic = KafkaTopics.create("relay", 3);
        store = new EventStore(db.pool, "/kernel-test", Publication.allTo(topic));
        relay = new OutboxRelay(db.vertx, db.options, KafkaTopics.config(), OutboxRelay.Settings.defaults());
        relay.start();
    }

    @AfterEach
    void tearDown() {
        relay.close();
        db.close();
    }

    /** Appends {@code perStream} events to each of the streams, one or two per transaction, from 4 writers. */
    private void writeConcurrently(List<String> streams, int perStream) {
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int slot = w;
            List<String> mine = IntStream.range(0, streams.size()).filter(i -> i % 4 == slot)
                    .mapToObj(streams::get).toList();
            writers.add(CompletableFuture.runAsync(() -> {
                for (String stream : mine) {
                    long version = 0;
                    while (version < perStream) {
                        List<NewEvent> batch = version % 3 == 0 && version + 2 <= perStream
                                ? List.of(counted((int) version + 1), counted((int) version + 2))
                                : List.of(counted((int) version + 1));
                        long expected = version;
                        committed.addAll(db.pool.withTransaction(tx ->
                                store.append(tx, stream, "counter", expected, batch)).await().indefinitely());
                        db.signal.poke();
                        version += batch.size();
                    }
                }
            }));
        }
        writers.forEach(CompletableFuture::join);
    }

    private static List<String> streams(int count) {
        return IntStream.range(0, count).mapToObj(i -> "counter-" + UUID.randomUUID()).toList();
    }

    @Test
    void every_committed_event_is_published_once_in_order_per_key_as_a_cloud_event() {
        writeConcurrently(streams(12), 10);

        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM outbox") == 0);
        List<ConsumerRecord<String, byte[]>> records = KafkaTopics.read(topic, committed.size(), Duration.ofSeconds(30));

        assertPublishedOnceInOrder(records);
        ConsumerRecord<String, byte[]> record = records.getFirst();
        RecordedEvent event = committed.stream()
                .filter(e -> e.eventId().toString().equals(header(record, CloudEventHeaders.ID)))
                .findFirst().orElseThrow();
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("org.lifeline.counter.Counted.v1");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/kernel-test");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(event.streamId()).isEqualTo(record.key());
        assertThat(Instant.parse(header(record, CloudEventHeaders.TIME)))
                .isEqualTo(event.metadata().occurredAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(header(record, CloudEventHeaders.CORRELATION_ID))
                .isEqualTo(event.metadata().correlationId().toString());
        assertThat(header(record, CloudEventHeaders.ACTOR)).isEqualTo(event.metadata().actor()).isEqualTo("test");
        assertThat(new String(record.value())).isEqualTo(event.payload());
    }

    @Test
    void events_committed_while_the_broker_is_down_are_published_when_it_returns() {
        assumeTrue(TestInfra.embeddedKafka().isPresent(), "needs the embedded broker to stop and start it");
        var broker = TestInfra.embeddedKafka().orElseThrow();
        List<String> streams = streams(8);

        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> writeConcurrently(streams, 30));
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.publishedCount() >= 20);
        broker.stop();
        try {
            writing.join();
            writeConcurrently(streams(4), 10); // surely while the broker is down
            assertThat(db.count("SELECT count(*) FROM outbox")).as("rows kept while Kafka is down")
                    .isGreaterThanOrEqualTo(40);
        } finally {
            broker.restart();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> db.count("SELECT count(*) FROM outbox") == 0);
        assertPublishedOnceInOrder(KafkaTopics.read(topic, committed.size(), Duration.ofSeconds(30)));
    }

    @Test
    void only_one_relay_per_database_publishes_and_another_takes_over_when_it_stops() {
        await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
        try (OutboxRelay second = new OutboxRelay(db.vertx, db.options, KafkaTopics.config(),
                OutboxRelay.Settings.defaults())) {
            second.start();
            writeConcurrently(streams(4), 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM outbox") == 0);
            assertThat(relay.isLeader()).isTrue();
            assertThat(second.isLeader()).isFalse();
            assertThat(second.publishedCount()).isZero();

            relay.close();
            writeConcurrently(streams(4), 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT count(*) FROM outbox") == 0);
            assertThat(second.isLeader()).isTrue();
            assertThat(second.publishedCount()).isEqualTo(20);
        }
        assertPublishedOnceInOrder(KafkaTopics.read(topic, committed.size(), Duration.ofSeconds(30)));
    }

    private void assertPublishedOnceInOrder(List<ConsumerRecord<String, byte[]>> records) {
        assertThat(records).extracting(r -> header(r, CloudEventHeaders.ID))
                .as("each committed event exactly once")
                .containsExactlyInAnyOrderElementsOf(committed.stream().map(e -> e.eventId().toString()).toList());
        Map<String, List<Long>> versionsByKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            versionsByKey.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(Long.parseLong(header(record, CloudEventHeaders.STREAM_VERSION)));
        }
        versionsByKey.forEach((key, versions) -> assertThat(versions).as("versions of %s", key)
                .containsExactlyElementsOf(versionsUpTo(versions.size())));
    }

    private static List<Long> versionsUpTo(int n) {
        return java.util.stream.LongStream.rangeClosed(1, n).boxed().toList();
    }
}
