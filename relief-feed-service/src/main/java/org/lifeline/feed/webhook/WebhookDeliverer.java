package org.lifeline.feed.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.support.eventsourcing.KernelConnections;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs this instance's share of webhook deliveries. It leases subscriptions (each is delivered by one instance at a
 * time; leases are renewed every third of {@code lifeline.feed.webhooks.lease} and taken over by another instance
 * only once expired), starts a {@link SubscriptionDelivery} per leased subscription, and wakes them on
 * {@code LISTEN lifeline_feed} (the feed projector's NOTIFY after each commit) and {@code lifeline_webhooks}
 * (subscriptions created, redelivered or deleted). Deliverers also poll, in case a notification is lost.
 */
@Startup
@ApplicationScoped
public class WebhookDeliverer {

    static final String FEED_CHANNEL = "lifeline_feed";
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final DeliveryState state;
    private final WebhookSender sender;
    private final ObjectMapper json;
    private final WebhooksConfig config;
    private final Vertx vertx;
    private final KernelConnections connections;
    /** This instance, as lease owner. */
    private final UUID owner = UUID.randomUUID();
    private final Map<UUID, SubscriptionDelivery> deliveries = new ConcurrentHashMap<>();
    private final Semaphore claimNow = new Semaphore(0);
    private volatile boolean running;
    private volatile PgConnection listener;
    private Thread leases;

    WebhookDeliverer(DeliveryState state, WebhookSender sender, ObjectMapper json, WebhooksConfig config, Vertx vertx,
                     KernelConnections connections) {
        this.state = state;
        this.sender = sender;
        this.json = json;
        this.config = config;
        this.vertx = vertx;
        this.connections = connections;
    }

    @PostConstruct
    void start() {
        if (!config.deliveryEnabled()) {
            Log.info("webhook delivery is off on this instance (lifeline.feed.webhooks.delivery-enabled=false)");
            return;
        }
        running = true;
        leases = Thread.ofVirtual().name("webhook-leases").start(this::manageLeases);
    }

    /** The subscriptions this instance delivers now. */
    public Set<UUID> delivering() {
        return Set.copyOf(deliveries.keySet());
    }

    /** This instance's lease owner id. */
    public UUID owner() {
        return owner;
    }

    private void manageLeases() {
        Duration renewEvery = config.lease().dividedBy(3);
        while (running) {
            try {
                listen();
                claim();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                Log.warnf("webhook leases: %s; trying again", e.toString());
                dropBrokenListener();
            }
            try {
                if (claimNow.tryAcquire(renewEvery.toMillis(), TimeUnit.MILLISECONDS)) {
                    claimNow.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void claim() {
        Set<UUID> held = state.claim(owner, config.lease()).await().atMost(DB_TIMEOUT);
        deliveries.forEach((id, delivery) -> {
            if (!held.contains(id)) {
                delivery.wakeup().stop();
                deliveries.remove(id, delivery);
            }
        });
        for (UUID id : held) {
            if (!deliveries.containsKey(id)) {
                startDelivery(id);
            }
        }
    }

    /** Only the lease thread starts deliveries; a delivery removes itself when it ends. */
    private void startDelivery(UUID id) {
        SubscriptionDelivery delivery = new SubscriptionDelivery(id, owner, state, sender, json, config);
        deliveries.put(id, delivery);
        Thread.ofVirtual().name("webhook-" + id).start(() -> {
            try {
                delivery.run();
            } finally {
                deliveries.remove(id, delivery);
            }
        });
    }

    /** One connection of its own LISTENs on both channels; notifications only flip flags, never block. */
    private void listen() {
        if (listener != null) {
            return;
        }
        PgConnection connection = PgConnection.connect(vertx, connections.database()).await().atMost(DB_TIMEOUT);
        connection.notificationHandler(notification -> {
            if (FEED_CHANNEL.equals(notification.getChannel())) {
                deliveries.values().forEach(delivery -> delivery.wakeup().feedMoved());
            } else {
                SubscriptionDelivery delivery = parse(notification.getPayload());
                if (delivery != null) {
                    delivery.wakeup().subscriptionChanged();
                } else {
                    claimNow.release(); // a subscription this instance does not deliver yet: perhaps a new one
                }
            }
        });
        connection.closeHandler(() -> {
            listener = null;
            claimNow.release();
        });
        connection.query("LISTEN " + FEED_CHANNEL).execute().await().atMost(DB_TIMEOUT);
        connection.query("LISTEN " + WebhookSubscriptions.CHANNEL).execute().await().atMost(DB_TIMEOUT);
        listener = connection;
        // Wake everyone: events committed while nobody listened are found now rather than at the next poll.
        deliveries.values().forEach(delivery -> delivery.wakeup().feedMoved());
    }

    private SubscriptionDelivery parse(String payload) {
        try {
            return deliveries.get(UUID.fromString(payload));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private void dropBrokenListener() {
        PgConnection connection = listener;
        if (connection == null) {
            return;
        }
        try {
            connection.query("SELECT 1").execute().await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            listener = null;
            connection.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    @PreDestroy
    void stop() {
        if (!running) {
            return;
        }
        running = false;
        claimNow.release();
        deliveries.values().forEach(delivery -> delivery.wakeup().stop());
        join(leases);
        try {
            state.release(owner).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            Log.debugf("webhook leases not released (they expire on their own): %s", e.toString());
        }
        PgConnection connection = listener;
        listener = null;
        if (connection != null) {
            connection.close().await().atMost(Duration.ofSeconds(5));
        }
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
