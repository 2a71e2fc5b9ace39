package org.lifeline.feed.webhook;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/** The waits between attempts at one delivery: base × 2^(n−1) after the n-th failure, capped, optionally jittered. */
record Backoff(Duration base, Duration max, boolean jitter, LongUnaryOperator random) {

    static Backoff of(WebhooksConfig.Retry retry) {
        return new Backoff(retry.baseDelay(), retry.maxDelay(), retry.jitter(),
                bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** The wait after the given failed attempt (1 for the first). */
    Duration after(int failedAttempt) {
        long baseMillis = Math.max(1, base.toMillis());
        int doublings = Math.min(Math.max(failedAttempt - 1, 0), 40);
        long millis = Math.min(max.toMillis(), saturatedShift(baseMillis, doublings));
        if (jitter) {
            // "Equal jitter": at least half the wait, so back-off still grows, the rest at random.
            long half = millis / 2;
            millis = half + random.applyAsLong(millis - half);
        }
        return Duration.ofMillis(millis);
    }

    private static long saturatedShift(long value, int bits) {
        return value > (Long.MAX_VALUE >> bits) ? Long.MAX_VALUE : value << bits;
    }
}
