package org.lifeline.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamSlotsTest {

    /** A pool of 5, 2 per client, 3 per network. */
    private final StreamSlots slots = new StreamSlots(5, 2, 3, Duration.ofSeconds(5));

    @Test
    void a_client_past_its_share_gets_429_and_a_full_pool_503() {
        StreamSlots.Slot first = slots.take("ip:10.0.0.1", "10.0.0.1");
        slots.take("ip:10.0.0.1", "10.0.0.1");
        assertThatThrownBy(() -> slots.take("ip:10.0.0.1", "10.0.0.1"))
                .isInstanceOfSatisfying(Rejection.class, rejection -> {
                    assertThat(rejection.status()).isEqualTo(429);
                    assertThat(rejection.type()).endsWith("/too-many-streams");
                    assertThat(rejection.headers()).containsEntry("Retry-After", "5");
                });
        slots.take("sub:donor-a", "10.0.0.2");
        slots.take("sub:donor-b", "10.0.0.3");
        slots.take("sub:donor-c", "10.0.0.4");
        assertThatThrownBy(() -> slots.take("sub:donor-d", "10.0.0.5"))
                .isInstanceOfSatisfying(Rejection.class, rejection -> {
                    assertThat(rejection.status()).isEqualTo(503);
                    assertThat(rejection.type()).endsWith("/stream-capacity-full");
                });
        assertThat(slots.open()).isEqualTo(5);
        assertThat(slots.clients()).isEqualTo(4);

        first.release();
        assertThat(slots.open()).isEqualTo(4);
        slots.take("sub:donor-d", "10.0.0.5");
        assertThat(slots.clients()).isEqualTo(5);
    }

    @Test
    void many_accounts_behind_one_address_share_that_networks_cap() {
        slots.take("sub:a", "10.0.0.9");
        slots.take("sub:b", "10.0.0.9");
        slots.take("partner:c", "10.0.0.9");
        assertThatThrownBy(() -> slots.take("sub:d", "10.0.0.9"))
                .isInstanceOfSatisfying(Rejection.class, rejection -> {
                    assertThat(rejection.status()).isEqualTo(429);
                    assertThat(rejection.getMessage()).contains("network");
                });
        // The refused account holds nothing: it may still open streams from elsewhere.
        slots.take("sub:d", "10.0.0.10");
        slots.take("sub:d", "10.0.0.10");
        assertThat(slots.open()).isEqualTo(5);
    }

    @Test
    void the_addresses_of_one_ipv6_64_are_one_network() {
        assertThat(StreamSlots.network("2001:db8:1:2:aaaa::1")).isEqualTo(StreamSlots.network("2001:db8:1:2:bbbb::7"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(StreamSlots.network("2001:db8:1:3::1")).isNotEqualTo(StreamSlots.network("2001:db8:1:2::1"));
        assertThat(StreamSlots.network("10.0.0.1")).isEqualTo("10.0.0.1");
        slots.take("ip:2001:db8:1:2::1", "2001:db8:1:2::1");
        slots.take("ip:2001:db8:1:2::2", "2001:db8:1:2::2");
        slots.take("ip:2001:db8:1:2::3", "2001:db8:1:2::3");
        assertThatThrownBy(() -> slots.take("ip:2001:db8:1:2::4", "2001:db8:1:2::4")).isInstanceOf(Rejection.class);
    }

    @Test
    void a_slot_released_twice_is_released_once() {
        StreamSlots.Slot slot = slots.take("ip:10.0.0.2", "10.0.0.2");
        slots.take("ip:10.0.0.2", "10.0.0.2");
        slot.release();
        slot.release();
        assertThat(slots.open()).isEqualTo(1);
        slots.take("ip:10.0.0.2", "10.0.0.2");
        assertThatThrownBy(() -> slots.take("ip:10.0.0.2", "10.0.0.2")).isInstanceOf(Rejection.class);
    }
}
