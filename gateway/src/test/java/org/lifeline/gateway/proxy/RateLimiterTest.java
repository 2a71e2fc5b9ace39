package org.lifeline.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(3, 2, now::get);

    @Test
    void a_caller_gets_its_burst_then_waits_for_the_refill() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("donor-a")).isZero();
        }
        assertThat(limiter.acquire("donor-a")).isEqualTo(Duration.ofMillis(500));
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.acquire("donor-a")).isZero();
        assertThat(limiter.acquire("donor-a")).isPositive();
    }

    @Test
    void callers_do_not_share_a_bucket() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("donor-a");
        }
        assertThat(limiter.acquire("donor-b")).isZero();
    }

    @Test
    void waiting_for_a_token_takes_none() {
        assertThat(limiter.waitFor("donor-a")).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.waitFor("donor-a")).isZero();
            limiter.acquire("donor-a");
        }
        assertThat(limiter.waitFor("donor-a")).isEqualTo(Duration.ofMillis(500));
        assertThat(limiter.waitFor("donor-a")).isEqualTo(Duration.ofMillis(500));
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.waitFor("donor-a")).isZero();
        assertThat(limiter.acquire("donor-a")).isZero();
    }

    @Test
    void a_bucket_never_holds_more_than_its_capacity() {
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("donor-a")).isZero();
        }
        assertThat(limiter.acquire("donor-a")).isPositive();
    }
}
