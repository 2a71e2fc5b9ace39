package org.lifeline.donations.projection;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Waiting for a need or campaign that has not reached the local views yet, without Quarkus. */
class ArrivalsTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void a_known_id_is_not_waited_for() {
        Arrivals arrivals = new Arrivals(HOUR, HOUR, HOUR);
        AtomicInteger looks = new AtomicInteger();

        arrivals.await(UUID.randomUUID(), () -> Uni.createFrom().item(looks.incrementAndGet() > 0))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(looks).hasValue(1);
        assertThat(arrivals.waiting()).isZero();
    }

    @Test
    void the_projections_signal_wakes_a_waiting_command() {
        // Pauses of an hour: only the signal can end this wait within the bound.
        Arrivals arrivals = new Arrivals(HOUR, HOUR, HOUR);
        UUID needId = UUID.randomUUID();
        AtomicBoolean inView = new AtomicBoolean();
        CompletableFuture<Void> waited = arrivals.await(needId, () -> Uni.createFrom().item(inView.get()))
                .subscribeAsCompletionStage();
        await().atMost(Duration.ofSeconds(5)).until(() -> arrivals.waiting() == 1);

        inView.set(true);
        arrivals.arrived(needId);

        await().atMost(Duration.ofSeconds(5)).until(waited::isDone);
        assertThat(waited).isCompletedWithValue(null);
        assertThat(arrivals.waiting()).isZero();
    }

    @Test
    void without_a_signal_the_view_is_looked_at_again_until_the_id_is_there() {
        Arrivals arrivals = new Arrivals(HOUR, Duration.ofMillis(5), Duration.ofMillis(20));
        AtomicInteger looks = new AtomicInteger();

        // Another instance applied the event: no signal here, the fourth look finds it.
        arrivals.await(UUID.randomUUID(), () -> Uni.createFrom().item(looks.incrementAndGet() >= 4))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(looks).hasValue(4);
        assertThat(arrivals.waiting()).isZero();
    }

    @Test
    void an_id_that_never_arrives_is_given_up_after_the_wait() {
        Arrivals arrivals = new Arrivals(Duration.ofMillis(100), Duration.ofMillis(5), Duration.ofMillis(20));
        AtomicInteger looks = new AtomicInteger();

        arrivals.await(UUID.randomUUID(), () -> Uni.createFrom().item(looks.incrementAndGet() < 0))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(looks.get()).isGreaterThan(2);
        assertThat(arrivals.waiting()).isZero();
    }

    @Test
    void no_wait_configured_answers_after_one_look() {
        Arrivals arrivals = new Arrivals(Duration.ZERO, HOUR, HOUR);
        AtomicInteger looks = new AtomicInteger();

        arrivals.await(UUID.randomUUID(), () -> Uni.createFrom().item(looks.incrementAndGet() < 0))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(looks).hasValue(1);
    }

    @Test
    void a_cancelled_wait_leaves_nothing_behind() {
        Arrivals arrivals = new Arrivals(HOUR, HOUR, HOUR);
        CompletableFuture<Void> waited = arrivals.await(UUID.randomUUID(), () -> Uni.createFrom().item(false))
                .subscribeAsCompletionStage();
        await().atMost(Duration.ofSeconds(5)).until(() -> arrivals.waiting() == 1);

        waited.cancel(false);

        await().atMost(Duration.ofSeconds(5)).until(() -> arrivals.waiting() == 0);
    }

    @Test
    void a_pause_never_asks_for_a_timer_shorter_than_a_millisecond() {
        assertThat(Arrivals.pauseWithin(Duration.ofMillis(200), Duration.ofMillis(50).toNanos()))
                .isEqualTo(Duration.ofMillis(50));
        assertThat(Arrivals.pauseWithin(Duration.ofMillis(25), Duration.ofSeconds(2).toNanos()))
                .isEqualTo(Duration.ofMillis(25));
        assertThat(Arrivals.pauseWithin(Duration.ofNanos(10), Duration.ofSeconds(2).toNanos()))
                .isEqualTo(Duration.ofMillis(1));
        // Less than a millisecond left: the wait is over (a Vert.x timer below 1 ms throws and never fires).
        assertThat(Arrivals.pauseWithin(Duration.ofMillis(25), 400_000)).isNull();
        assertThat(Arrivals.pauseWithin(Duration.ofMillis(25), -5)).isNull();
    }

}
