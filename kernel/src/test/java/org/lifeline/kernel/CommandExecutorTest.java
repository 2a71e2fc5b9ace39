package org.lifeline.kernel;

import io.smallrye.mutiny.Uni;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.Publication;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.CommandExecutor.Outcome;
import org.lifeline.kernel.idempotency.IdempotencyConflict;
import org.lifeline.kernel.idempotency.IdempotencyStore;
import org.lifeline.kernel.idempotency.IdempotentRequest;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lifeline.kernel.TestEvents.counted;

class CommandExecutorTest {

    static KernelDatabase db;
    static EventStore store;
    static CommandExecutor executor;

    @BeforeAll
    static void setUp() {
        db = new KernelDatabase("kernel_commands");
        store = new EventStore(db.pool, "/kernel-test", Publication.allTo("lifeline.test.v1"));
        executor = new CommandExecutor(db.pool, new IdempotencyStore(), db.signal, 10);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    /** A command that appends one event at the stream's current version and answers that version. */
    private static Outcome increment(String stream, IdempotentRequest request) {
        return executor.execute(request, tx -> store.version(stream)
                        .flatMap(version -> store.append(tx, stream, "counter", version, List.of(counted(1))))
                        .map(events -> new StoredResponse(201, "{\"version\":" + events.getLast().version() + "}")))
                .await().indefinitely();
    }

    private static long events(String stream) {
        return db.count("SELECT count(*) FROM events WHERE stream_id = '" + stream + "'");
    }

    @Test
    void a_replayed_request_gets_the_first_response_and_changes_nothing() {
        String stream = "counter-" + UUID.randomUUID();
        IdempotentRequest request = new IdempotentRequest("donor-1", "key-" + UUID.randomUUID(),
                IdempotentRequest.hash("POST", "/api/v1/pledges", "{\"quantity\":5}"));

        Outcome first = increment(stream, request);
        Outcome again = increment(stream, request);

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.response()).isEqualTo(first.response()).isEqualTo(new StoredResponse(201, "{\"version\":1}"));
        assertThat(events(stream)).isEqualTo(1);
    }

    @Test
    void the_same_key_with_another_body_is_a_conflict_and_changes_nothing() {
        String stream = "counter-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();
        increment(stream, new IdempotentRequest("donor-1", key, IdempotentRequest.hash("{\"quantity\":5}")));

        assertThatThrownBy(() -> increment(stream,
                new IdempotentRequest("donor-1", key, IdempotentRequest.hash("{\"quantity\":6}"))))
                .isInstanceOf(IdempotencyConflict.class);
        assertThat(events(stream)).isEqualTo(1);
    }

    @Test
    void keys_belong_to_their_caller() {
        String stream = "counter-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();
        String hash = IdempotentRequest.hash("{}");
        increment(stream, new IdempotentRequest("donor-1", key, hash));
        Outcome other = increment(stream, new IdempotentRequest("donor-2", key, hash));

        assertThat(other.replayed()).isFalse();
        assertThat(events(stream)).isEqualTo(2);
    }

    @Test
    void concurrent_retries_of_one_request_append_once_and_all_get_the_same_answer() {
        String stream = "counter-" + UUID.randomUUID();
        IdempotentRequest request = new IdempotentRequest("donor-1", "key-" + UUID.randomUUID(),
                IdempotentRequest.hash("{\"quantity\":5}"));
        List<CompletableFuture<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> increment(stream, request)));
        }
        List<StoredResponse> responses = calls.stream().map(CompletableFuture::join).map(Outcome::response).toList();

        assertThat(responses).containsOnly(new StoredResponse(201, "{\"version\":1}"));
        assertThat(events(stream)).isEqualTo(1);
    }

    @Test
    void work_that_loses_a_version_race_runs_again_on_the_new_state() {
        String stream = "counter-" + UUID.randomUUID();
        List<CompletableFuture<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> increment(stream, null)));
        }
        List<String> bodies = calls.stream().map(CompletableFuture::join).map(o -> o.response().body()).toList();

        assertThat(bodies).containsExactlyInAnyOrder("{\"version\":1}", "{\"version\":2}", "{\"version\":3}",
                "{\"version\":4}", "{\"version\":5}", "{\"version\":6}");
        assertThat(events(stream)).isEqualTo(6);
    }

    @Test
    void a_check_runs_before_the_work_and_a_replay_skips_it() {
        IdempotentRequest request = new IdempotentRequest("partner-1", "key-" + UUID.randomUUID(),
                IdempotentRequest.hash("POST", "/api/v1/partners/me/webhooks", "{}"));
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        CommandExecutor withoutOutbox = new CommandExecutor(db.pool, new IdempotencyStore(), null, 1);

        Outcome first = withoutOutbox.execute(request,
                () -> io.smallrye.mutiny.Uni.createFrom().item(checks::incrementAndGet).replaceWithVoid(),
                tx -> io.smallrye.mutiny.Uni.createFrom().item(new StoredResponse(201, "{\"checks\":" + checks.get() + "}")))
                .await().indefinitely();
        Outcome replay = withoutOutbox.execute(request,
                () -> io.smallrye.mutiny.Uni.createFrom().item(checks::incrementAndGet).replaceWithVoid(),
                tx -> io.smallrye.mutiny.Uni.createFrom().item(new StoredResponse(201, "{}")))
                .await().indefinitely();

        assertThat(first.response().body()).isEqualTo("{\"checks\":1}");
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.response().body()).isEqualTo("{\"checks\":1}");
        assertThat(checks).hasValue(1);
    }

    @Test
    void a_failing_command_stores_no_response() {
        String key = "key-" + UUID.randomUUID();
        IdempotentRequest request = new IdempotentRequest("donor-1", key, IdempotentRequest.hash("{}"));
        assertThatThrownBy(() -> executor.execute(request,
                tx -> Uni.createFrom().<StoredResponse>failure(new Rejected("need-closed", "need is CLOSED")))
                .await().indefinitely())
                .isInstanceOf(Rejected.class);
        assertThat(db.count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = '" + key + "'")).isZero();
    }
}
