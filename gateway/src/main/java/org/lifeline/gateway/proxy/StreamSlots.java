package org.lifeline.gateway.proxy;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The long-lived streams (server-sent events) open through the gateway: at most {@code maxOpen} in all, the size
 * of the streams' own connection pool, and at most {@code maxPerClient} for one client, so that one client cannot
 * take every stream connection. A client is what {@link EdgeCaller#rateKey()} names: its address when anonymous,
 * its account or partner when authenticated.
 */
final class StreamSlots {

    static final String TOO_MANY_STREAMS = "too-many-streams";
    static final String STREAMS_FULL = "stream-capacity-full";

    /** One open stream's hold on its slots; released once, however the stream ends. */
    final class Slot {
        private final String client;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String client) {
            this.client = client;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                perClient.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
                open.decrementAndGet();
            }
        }
    }

    private final int maxOpen;
    private final int maxPerClient;
    private final Duration retryAfter;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentMap<String, Integer> perClient = new ConcurrentHashMap<>();

    StreamSlots(int maxOpen, int maxPerClient, Duration retryAfter) {
        if (maxOpen < 1 || maxPerClient < 1) {
            throw new IllegalArgumentException("Streams need a pool of at least 1 and at least 1 per client");
        }
        this.maxOpen = maxOpen;
        this.maxPerClient = maxPerClient;
        this.retryAfter = retryAfter;
    }

    /**
     * A slot for a new stream of this client; fails with a 429 when the client already holds its share, or a 503
     * when every stream connection is taken (at once, rather than queueing behind streams that may last hours).
     */
    Slot take(String client) {
        boolean[] admitted = {false};
        perClient.compute(client, (key, count) -> {
            int held = count == null ? 0 : count;
            if (held >= maxPerClient) {
                return count;
            }
            admitted[0] = true;
            return held + 1;
        });
        if (!admitted[0]) {
            throw Rejection.tooMany(429, TOO_MANY_STREAMS, "This client already has " + maxPerClient
                    + " open streams; close one or retry later.", retryAfter);
        }
        Slot slot = new Slot(client);
        if (open.incrementAndGet() > maxOpen) {
            slot.release();
            throw Rejection.tooMany(503, STREAMS_FULL,
                    "The gateway holds as many streams as it can; retry later.", retryAfter);
        }
        return slot;
    }

    /** Streams open now, for the gauge. */
    int open() {
        return open.get();
    }

    /** Clients with at least one open stream, for the gauge. */
    int clients() {
        return perClient.size();
    }
}
