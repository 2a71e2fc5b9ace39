package org.lifeline.feed.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Partner webhooks' settings, under {@code lifeline.feed.webhooks.*}. Every key has a default, so a
 * deployment sets only what it changes; the defaults are the safe ones (no loopback or private targets).
 */
@ConfigMapping(prefix = "lifeline.feed.webhooks")
public interface WebhooksConfig {

    /**
     * Whether subscriptions may target loopback addresses (127.0.0.0/8, ::1): for tests and the local stack,
     * where a partner tries webhooks on one machine.
     */
    @WithDefault("false")
    boolean allowLoopback();

    /**
     * Whether subscriptions may target private addresses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7):
     * for a deployment whose partners' receivers live on its own network. Link-local (cloud metadata),
     * unspecified, multicast and other reserved addresses are refused whatever this says.
     */
    @WithDefault("false")
    boolean allowPrivate();

    /** How long one delivery may take, from connecting to the response's status, before it counts as failed. */
    @WithDefault("10s")
    Duration timeout();

    Retry retry();

    /** How often a deliverer looks at the feed when no {@code lifeline_feed} notification woke it. */
    @WithDefault("2s")
    Duration pollInterval();

    /**
     * How long an instance's claim on a subscription lasts without renewal (renewed every third of it).
     * Another instance takes the subscription over only after this long.
     */
    @WithDefault("30s")
    Duration lease();

    /** How many feed entries a deliverer reads at a time. */
    @WithDefault("100")
    int batchSize();

    /**
     * How many webhook subscriptions one partner may hold at once; a subscription beyond it is refused with 409 until
     * the partner deletes one. Each subscription has a deliverer of its own, so this bounds what one partner's key
     * can make the feed do.
     */
    @WithDefault("10")
    int maxPerPartner();

    /** Whether this instance delivers webhooks at all (the API works either way). */
    @WithDefault("true")
    boolean deliveryEnabled();

    /** {@code lifeline.feed.webhooks.retry.*}: exponential back-off, factor 2, between attempts at one event. */
    interface Retry {

        /** The wait after the first failed attempt; each further failure doubles it. */
        @WithDefault("2s")
        Duration baseDelay();

        /** No wait is longer than this. */
        @WithDefault("5m")
        Duration maxDelay();

        /** Attempts at one event, the first included, before it is dead-lettered; counted across restarts and instances. */
        @WithDefault("10")
        int maxAttempts();

        /** Whether waits are spread at random over their upper half, so failing receivers are not hit in step. */
        @WithDefault("true")
        boolean jitter();
    }
}
