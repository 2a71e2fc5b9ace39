package org.lifeline.kernel.consumer;

import org.junit.jupiter.api.Test;
import org.lifeline.kernel.eventstore.ConcurrencyConflict;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTest {

    @Test
    void a_lost_stream_race_is_retried_not_dead_lettered() {
        assertThat(ProjectionRunner.isTransient(new ConcurrencyConflict("need-1", 3))).isTrue();
        assertThat(ProjectionRunner.isTransient(new IllegalStateException("wrapped", new ConcurrencyConflict("need-1", 3))))
                .isTrue();
    }

    @Test
    void network_failures_are_retried_and_bad_events_are_not() {
        assertThat(ProjectionRunner.isTransient(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(ProjectionRunner.isTransient(new PoisonEvent("missing header ce_id"))).isFalse();
        assertThat(ProjectionRunner.isTransient(new IllegalArgumentException("bad data"))).isFalse();
    }
}
