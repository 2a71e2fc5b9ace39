package org.lifeline.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamSlotsTest {

    private final StreamSlots slots = new StreamSlots(3, 2, Duration.ofSeconds(5));

    @Test
    void a_client_past_its_share_gets_429_and_a_full_pool_503() {
        StreamSlots.Slot first = slots.take("ip:10.0.0.1");
        slots.take("ip:10.0.0.1");
        assertThatThrownBy(() -> slots.take("ip:10.0.0.1"))
                .isInstanceOfSatisfying(Rejection.class, rejection -> {
                    assertThat(rejection.status()).isEqualTo(429);
                    assertThat(rejection.type()).endsWith("/too-many-streams");
                    assertThat(rejection.headers()).containsEntry("Retry-After", "5");
                });
        slots.take("sub:donor-a");
        assertThatThrownBy(() -> slots.take("sub:donor-b"))
                .isInstanceOfSatisfying(Rejection.class, rejection -> {
                    assertThat(rejection.status()).isEqualTo(503);
                    assertThat(rejection.type()).endsWith("/stream-capacity-full");
                });
        assertThat(slots.open()).isEqualTo(3);
        assertThat(slots.clients()).isEqualTo(2);

        first.release();
        assertThat(slots.open()).isEqualTo(2);
        slots.take("sub:donor-b");
        assertThat(slots.clients()).isEqualTo(3);
    }

    @Test
    void a_slot_released_twice_is_released_once() {
        StreamSlots.Slot slot = slots.take("ip:10.0.0.2");
        slots.take("ip:10.0.0.2");
        slot.release();
        slot.release();
        assertThat(slots.open()).isEqualTo(1);
        slots.take("ip:10.0.0.2");
        assertThatThrownBy(() -> slots.take("ip:10.0.0.2")).isInstanceOf(Rejection.class);
    }
}
