package org.lifeline.kernel;

import io.smallrye.mutiny.Uni;
import org.lifeline.kernel.eventstore.ConcurrencyConflict;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.NewEvent;
import org.lifeline.kernel.eventstore.Publication;
import org.lifeline.kernel.eventstore.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lifeline.kernel.TestEvents.counted;

class EventStoreTest {

    static KernelDatabase db;
    static EventStore store;

    @BeforeAll
    static void setUp() {
        db = new KernelDatabase("kernel_eventstore");
        store = new EventStore(db.pool, "/kernel-test", Publication.allTo("lifeline.test.v1"));
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static List<RecordedEvent> append(String stream, long expected, NewEvent... events) {
        return db.pool.withTransaction(tx -> store.append(tx, stream, "counter", expected, List.of(events)))
                .await().indefinitely();
    }

    @Test
    void appended_events_load_back_in_order_with_their_metadata() {
        String stream = "counter-" + UUID.randomUUID();
        UUID correlation = UUID.randomUUID();
        UUID causation = UUID.randomUUID();
        Instant occurred = Instant.parse("2026-11-21T08:30:00Z");
        NewEvent first = new NewEvent(UUID.randomUUID(), "Counted", 1, "{\"n\": 1}",
                new EventMetadata(correlation, causation, "account-7", "key-1", occurred));

        append(stream, EventStore.NO_STREAM, first, counted(2));
        append(stream, 2, counted(3));

        List<RecordedEvent> events = store.load(stream).await().indefinitely();
        assertThat(events).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(RecordedEvent::payload)
                .containsExactly("{\"n\": 1}", "{\"n\": 2}", "{\"n\": 3}");
        assertThat(events.getFirst().metadata())
                .isEqualTo(new EventMetadata(correlation, causation, "account-7", "key-1", occurred));
        assertThat(events.getFirst().eventId()).isEqualTo(first.eventId());
        assertThat(events).extracting(RecordedEvent::position).isSorted();
        assertThat(store.version(stream).await().indefinitely()).isEqualTo(3L);
    }

    @Test
    void a_stream_loaded_as_another_type_is_empty() {
        String stream = "counter-" + UUID.randomUUID();
        append(stream, EventStore.NO_STREAM, counted(1), counted(2));

        assertThat(store.load("counter", stream).await().indefinitely()).hasSize(2);
        assertThat(store.load("need", stream).await().indefinitely()).isEmpty();
        assertThat(store.loadAsOf("need", stream, Instant.now().plusSeconds(60)).await().indefinitely()).isEmpty();
        assertThat(store.loadAsOf("counter", stream, Instant.now().plusSeconds(60)).await().indefinitely()).hasSize(2);
    }

    @Test
    void appending_at_a_stale_or_future_version_is_a_conflict_and_writes_nothing() {
        String stream = "counter-" + UUID.randomUUID();
        append(stream, EventStore.NO_STREAM, counted(1), counted(2));

        assertThatThrownBy(() -> append(stream, 1, counted(3))).isInstanceOf(ConcurrencyConflict.class);
        assertThatThrownBy(() -> append(stream, 5, counted(3))).isInstanceOf(ConcurrencyConflict.class);
        assertThatThrownBy(() -> append(stream, EventStore.NO_STREAM, counted(3)))
                .isInstanceOf(ConcurrencyConflict.class);

        assertThat(store.load(stream).await().indefinitely()).hasSize(2);
    }

    @Test
    void sixteen_writers_at_the_same_expected_version_exactly_one_wins_each_round() throws Exception {
        String stream = "counter-" + UUID.randomUUID();
        ExecutorService writers = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 20; round++) {
                long expected = round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int w = 0; w < 16; w++) {
                    int writer = w;
                    Callable<Boolean> attempt = () -> {
                        start.await();
                        try {
                            append(stream, expected, counted(writer));
                            return true;
                        } catch (ConcurrencyConflict conflict) {
                            return false;
                        }
                    };
                    outcomes.add(writers.submit(attempt));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> outcome : outcomes) {
                    winners += outcome.get() ? 1 : 0;
                }
                assertThat(winners).as("winners of round %d", round).isEqualTo(1);
            }
        } finally {
            writers.shutdownNow();
        }
        assertThat(store.load(stream).await().indefinitely())
                .extracting(RecordedEvent::version)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void a_stream_reads_as_it_stood_at_a_point_in_time() {
        String stream = "counter-" + UUID.randomUUID();
        append(stream, EventStore.NO_STREAM, counted(1));
        Instant between = store.load(stream).await().indefinitely().getLast().recordedAt();
        append(stream, 1, counted(2));

        assertThat(store.loadAsOf(stream, between).await().indefinitely())
                .extracting(RecordedEvent::version).containsExactly(1L);
        assertThat(store.loadAsOf(stream, Instant.now().plusSeconds(60)).await().indefinitely()).hasSize(2);
        assertThat(store.loadAsOf(stream, between.minusSeconds(3600)).await().indefinitely()).isEmpty();
    }

    @Test
    void time_travel_never_splits_the_events_of_one_append() {
        String stream = "counter-" + UUID.randomUUID();
        List<RecordedEvent> appended = append(stream, EventStore.NO_STREAM, counted(1), counted(2), counted(3));

        assertThat(appended).extracting(RecordedEvent::recordedAt).containsOnly(appended.getFirst().recordedAt());
        assertThat(store.loadAsOf(stream, appended.getFirst().recordedAt()).await().indefinitely()).hasSize(3);
    }

    @Test
    void read_all_returns_every_stream_in_position_order_from_a_position() {
        long before = lastPosition();
        String a = "counter-" + UUID.randomUUID();
        String b = "counter-" + UUID.randomUUID();
        append(a, EventStore.NO_STREAM, counted(1));
        append(b, EventStore.NO_STREAM, counted(2));
        append(a, 1, counted(3));

        List<RecordedEvent> all = store.readAll(before, 100).await().indefinitely();
        assertThat(all).extracting(RecordedEvent::streamId).containsExactly(a, b, a);
        assertThat(all).extracting(RecordedEvent::position).isSorted();
        assertThat(store.readAll(all.get(1).position(), 100).await().indefinitely())
                .extracting(RecordedEvent::payload).containsExactly("{\"n\": 3}");
    }

    @Test
    void events_and_their_outbox_rows_commit_or_roll_back_together() {
        String kept = "counter-" + UUID.randomUUID();
        String rolledBack = "counter-" + UUID.randomUUID();
        append(kept, EventStore.NO_STREAM, counted(1), counted(2));

        assertThatThrownBy(() -> db.pool.withTransaction(tx -> store
                        .append(tx, rolledBack, "counter", EventStore.NO_STREAM, List.of(counted(1)))
                        .flatMap(events -> Uni.createFrom().failure(new IllegalStateException("boom"))))
                .await().indefinitely())
                .hasMessage("boom");

        assertThat(db.count("SELECT count(*) FROM outbox WHERE message_key = '" + kept + "'")).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM outbox WHERE message_key = '" + rolledBack + "'")).isZero();
        assertThat(db.count("SELECT count(*) FROM events WHERE stream_id = '" + rolledBack + "'")).isZero();
        assertThat(db.count("SELECT count(*) FROM outbox WHERE message_key = '" + kept
                + "' AND event_type = 'org.lifeline.counter.Counted.v1' AND topic = 'lifeline.test.v1'"))
                .isEqualTo(2);
    }

    private static long lastPosition() {
        return db.count("SELECT coalesce(max(global_position), 0) FROM events");
    }
}
