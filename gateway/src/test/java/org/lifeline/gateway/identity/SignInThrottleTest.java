package org.lifeline.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private static final SignInConfig DEFAULTS = new SignInConfig() {
        public boolean throttled() {
            return true;
        }

        public int freeFailures() {
            return 5;
        }

        public Duration firstDelay() {
            return Duration.ofSeconds(1);
        }

        public Duration maxDelay() {
            return Duration.ofMinutes(15);
        }

        public Duration forgetAfter() {
            return Duration.ofHours(24);
        }
    };

    @Test
    void the_first_failures_cost_nothing_then_each_doubles_the_wait_up_to_the_cap() {
        for (int failures = 0; failures < 5; failures++) {
            assertThat(SignInThrottle.delayAfter(failures, DEFAULTS)).isZero();
        }
        assertThat(SignInThrottle.delayAfter(5, DEFAULTS)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SignInThrottle.delayAfter(6, DEFAULTS)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SignInThrottle.delayAfter(7, DEFAULTS)).isEqualTo(Duration.ofSeconds(4));
        assertThat(SignInThrottle.delayAfter(14, DEFAULTS)).isEqualTo(Duration.ofSeconds(512));
        assertThat(SignInThrottle.delayAfter(15, DEFAULTS)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SignInThrottle.delayAfter(10_000, DEFAULTS)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void an_email_is_keyed_whatever_its_case_and_surrounding_spaces() {
        assertThat(SignInThrottle.hash(" Dana@Example.org ")).isEqualTo(SignInThrottle.hash("dana@example.org"));
        assertThat(SignInThrottle.hash("dana@example.org")).isNotEqualTo(SignInThrottle.hash("dan@example.org"));
    }
}
