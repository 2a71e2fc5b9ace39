package org.lifeline.feed.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void waits_double_after_each_failure_up_to_the_cap() {
        Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), false, bound -> 0);
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(20));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(40));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofMillis(80));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.after(500)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void jitter_keeps_a_wait_between_its_half_and_its_whole() {
        Backoff least = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), true, bound -> 0);
        Backoff most = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), true, bound -> bound);
        assertThat(least.after(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(most.after(3)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void the_configured_random_jitter_stays_in_bounds() {
        WebhooksConfig.Retry retry = new WebhooksConfig.Retry() {
            public Duration baseDelay() {
                return Duration.ofSeconds(1);
            }

            public Duration maxDelay() {
                return Duration.ofSeconds(30);
            }

            public int maxAttempts() {
                return 10;
            }

            public boolean jitter() {
                return true;
            }
        };
        Backoff backoff = Backoff.of(retry);
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.after(2)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
    }
}
