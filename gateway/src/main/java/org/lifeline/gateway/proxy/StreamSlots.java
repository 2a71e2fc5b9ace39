package org.lifeline.gateway.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The long-lived streams (server-sent events) open through the gateway: at most {@code maxOpen} in all, the size
 * of the streams' own connection pool; at most {@code maxPerClient} for one client, what {@link EdgeCaller#rateKey()}
 * names (its address when anonymous, its account or partner when authenticated); and at most {@code maxPerNetwork}
 * from one network, an IPv4 address or an IPv6 /64, whatever the accounts, so that neither many accounts nor many
 * IPv6 addresses of one attacker can take every stream connection.
 */
final class StreamSlots {

    static final String TOO_MANY_STREAMS = "too-many-streams";
    static final String STREAMS_FULL = "stream-capacity-full";

    /** One open stream's hold on its slots; released once, however the stream ends. */
    final class Slot {
        private final List<String> holders;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(List<String> holders) {
            this.holders = holders;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                holders.forEach(StreamSlots.this::leave);
                open.decrementAndGet();
            }
        }
    }

    private final int maxOpen;
    private final int maxPerClient;
    private final int maxPerNetwork;
    private final Duration retryAfter;
    private final AtomicInteger open = new AtomicInteger();
    /** Streams held by each client ({@code sub:…}, {@code partner:…}, {@code ip:…}) and each network ({@code net:…}). */
    private final ConcurrentMap<String, Integer> held = new ConcurrentHashMap<>();

    StreamSlots(int maxOpen, int maxPerClient, int maxPerNetwork, Duration retryAfter) {
        if (maxOpen < 1 || maxPerClient < 1 || maxPerNetwork < maxPerClient) {
            throw new IllegalArgumentException("Streams need a pool of at least 1, at least 1 per client and at least"
                    + " as many per network as per client");
        }
        this.maxOpen = maxOpen;
        this.maxPerClient = maxPerClient;
        this.maxPerNetwork = maxPerNetwork;
        this.retryAfter = retryAfter;
    }

    /**
     * A slot for a new stream of this client from this address; fails with a 429 when the client or its network
     * already holds its share, or a 503 when every stream connection is taken (at once, rather than queueing behind
     * streams that may last hours).
     */
    Slot take(String client, String address) {
        String network = "net:" + network(address);
        if (!enter(client, maxPerClient)) {
            throw Rejection.tooMany(429, TOO_MANY_STREAMS, "This client already has " + maxPerClient
                    + " open streams; close one or retry later.", retryAfter);
        }
        if (!enter(network, maxPerNetwork)) {
            leave(client);
            throw Rejection.tooMany(429, TOO_MANY_STREAMS, "This network already has " + maxPerNetwork
                    + " open streams; close one or retry later.", retryAfter);
        }
        Slot slot = new Slot(List.of(client, network));
        if (open.incrementAndGet() > maxOpen) {
            slot.release();
            throw Rejection.tooMany(503, STREAMS_FULL,
                    "The gateway holds as many streams as it can; retry later.", retryAfter);
        }
        return slot;
    }

    /** The network an address belongs to: an IPv4 address itself, the /64 of an IPv6 address. */
    static String network(String address) {
        if (!address.contains(":")) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no name lookup
            if (bytes.length != 16) {
                return address;
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private boolean enter(String holder, int max) {
        boolean[] admitted = {false};
        held.compute(holder, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= max) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    private void leave(String holder) {
        held.computeIfPresent(holder, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** Streams open now, for the gauge. */
    int open() {
        return open.get();
    }

    /** Clients with at least one open stream, for the gauge. */
    int clients() {
        return (int) held.keySet().stream().filter(holder -> !holder.startsWith("net:")).count();
    }
}
