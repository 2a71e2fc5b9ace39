package org.lifeline.gateway.proxy;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller: {@code capacity} requests at once, refilled at {@code refillPerSecond}.
 * Buckets that have filled up again are forgotten now and then, so idle callers cost no memory.
 */
public final class RateLimiter {

    private static final int SWEEP_EVERY = 4096;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double capacity;
    private final double refillPerNano;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();

    public RateLimiter(long capacity, double refillPerSecond, LongSupplier nanoTime) {
        if (capacity < 1 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("A rate limit needs a capacity ≥ 1 and a positive refill");
        }
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / NANOS_PER_SECOND;
        this.nanoTime = nanoTime;
    }

    /** Takes a token for the caller: {@link Duration#ZERO} when it got one, otherwise how long until it would. */
    public Duration acquire(String caller) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(caller, ignored -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.refill(now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / refillPerNano));
        }
    }

    /**
     * How long until the caller would get a token, {@link Duration#ZERO} when it would now; takes nothing. For a
     * bucket drawn on only after the work it guards (failed credentials), checked before that work.
     */
    public Duration waitFor(String caller) {
        Bucket bucket = buckets.get(caller);
        if (bucket == null) {
            return Duration.ZERO;
        }
        synchronized (bucket) {
            bucket.refill(nanoTime.getAsLong());
            return bucket.tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / refillPerNano));
        }
    }

    int size() {
        return buckets.size();
    }

    private void sweep() {
        long now = nanoTime.getAsLong();
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                bucket.refill(now);
                return bucket.tokens >= capacity;
            }
        });
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * refillPerNano);
            updated = now;
        }
    }
}
