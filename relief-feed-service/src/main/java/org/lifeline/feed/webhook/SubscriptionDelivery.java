package org.lifeline.feed.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers one subscription, on a virtual thread of its own, so a slow or dead receiver holds up no other
 * subscription. Walks the feed log in position order from the subscription's cursor, skips types it does not
 * want, and retries each event with back-off until it is delivered or dead-lettered before it moves on: later
 * events wait. Stops when the subscription is deleted, leased elsewhere, or the instance stops.
 */
final class SubscriptionDelivery implements Runnable {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    /** What became of one event. */
    private enum Outcome { DELIVERED, DEAD_LETTERED, INTERRUPTED }

    private final UUID subscriptionId;
    private final UUID owner;
    private final DeliveryState state;
    private final WebhookSender sender;
    private final ObjectMapper json;
    private final WebhooksConfig config;
    private final Backoff backoff;
    private final Wakeup wakeup = new Wakeup();

    SubscriptionDelivery(UUID subscriptionId, UUID owner, DeliveryState state, WebhookSender sender, ObjectMapper json,
                         WebhooksConfig config) {
        this.subscriptionId = subscriptionId;
        this.owner = owner;
        this.state = state;
        this.sender = sender;
        this.json = json;
        this.config = config;
        this.backoff = Backoff.of(config.retry());
    }

    Wakeup wakeup() {
        return wakeup;
    }

    @Override
    public void run() {
        while (!wakeup.stopped()) {
            try {
                wakeup.clearChanges();
                Optional<Subscription> subscription = state.leased(subscriptionId, owner).await().atMost(DB_TIMEOUT);
                if (subscription.isEmpty()) {
                    Log.debugf("webhook %s: deleted or leased elsewhere; stopping", subscriptionId);
                    return;
                }
                if (!deliverBatch(subscription.get())) {
                    wakeup.awaitFeed(config.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Log.warnf("webhook %s: %s; trying again", subscriptionId, e.toString());
                try {
                    wakeup.awaitChange(config.pollInterval());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Works through the next feed entries; false when there were none. */
    private boolean deliverBatch(Subscription subscription) throws InterruptedException {
        List<FeedEntry> entries = state.feedAfter(subscription.position(), config.batchSize()).await()
                .atMost(DB_TIMEOUT);
        if (entries.isEmpty()) {
            return false;
        }
        long saved = subscription.position();
        long handled = saved;
        for (FeedEntry entry : entries) {
            if (!subscription.eventTypes().wants(entry.type())) {
                handled = entry.position();
                continue;
            }
            String body = WebhookPayload.of(entry, json);
            Outcome outcome = deliver(subscription, entry, body);
            if (outcome == Outcome.INTERRUPTED) {
                return true;
            }
            if (outcome == Outcome.DELIVERED
                    && !state.advance(subscription, owner, entry.position()).await().atMost(DB_TIMEOUT)) {
                return true; // redelivered, deleted or taken over meanwhile: read it again
            }
            saved = handled = entry.position();
        }
        if (handled > saved) {
            state.advance(subscription, owner, handled).await().atMost(DB_TIMEOUT);
        }
        return true;
    }

    /**
     * Sends the event until it is delivered or its attempts run out, counting those already made at it by this
     * instance or one before it (a restart, a lease taken over), after the back-off they began.
     */
    private Outcome deliver(Subscription subscription, FeedEntry entry, String body) throws InterruptedException {
        int maxAttempts = Math.max(1, config.retry().maxAttempts());
        Subscription.Retrying before = subscription.retryingAt(entry.position());
        int made = before.attempts();
        if (made > 0 && made < maxAttempts) {
            Log.debugf("webhook %s: position %d had %d attempts before; the next in %s", subscription.id(),
                    entry.position(), made, before.nextIn());
            if (wakeup.awaitChange(before.nextIn())) {
                return Outcome.INTERRUPTED;
            }
        }
        DeliveryAttempt attempt = null;
        while (made < maxAttempts) {
            if (wakeup.interrupted()) {
                return Outcome.INTERRUPTED;
            }
            int n = made + 1;
            Duration backoffAfter = backoff.after(n);
            // Counted before it is sent, so an attempt cut short by a crash still counts. The write is fenced by the
            // lease and generation: when it fails, another holder (or a redelivery) may already have sent this
            // position and the next, and sending it here would break their order.
            if (!state.recordAttempt(subscription, owner, entry.position(), n, backoffAfter).await()
                    .atMost(DB_TIMEOUT)) {
                return Outcome.INTERRUPTED;
            }
            made = n;
            attempt = sender.send(subscription, entry, body);
            if (attempt.delivered()) {
                Log.debugf("webhook %s: delivered position %d (%s) on attempt %d", subscription.id(), entry.position(),
                        entry.type(), n);
                return Outcome.DELIVERED;
            }
            if (n < maxAttempts && wakeup.awaitChange(backoffAfter)) {
                return Outcome.INTERRUPTED;
            }
        }
        // No attempt of this instance's when the last was made before a restart, its outcome lost with it.
        Integer lastStatus = attempt == null ? null : attempt.status();
        String lastError = attempt == null ? "the last attempt was cut short by a restart" : attempt.error();
        Log.warnf("webhook %s: position %d (%s) dead-lettered after %d attempts: %s", subscription.id(),
                entry.position(), entry.type(), made, lastError);
        boolean recorded = state.deadLetter(subscription, owner, entry, made, lastStatus, truncate(lastError))
                .await().atMost(DB_TIMEOUT);
        return recorded ? Outcome.DEAD_LETTERED : Outcome.INTERRUPTED;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }
}
