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

    private Outcome deliver(Subscription subscription, FeedEntry entry, String body) throws InterruptedException {
        int maxAttempts = Math.max(1, config.retry().maxAttempts());
        DeliveryAttempt attempt = null;
        for (int n = 1; n <= maxAttempts; n++) {
            if (wakeup.interrupted()) {
                return Outcome.INTERRUPTED;
            }
            // A retry only while this instance still delivers the subscription as it was: otherwise the new holder
            // may already have sent this position and the next, and resending it here would break their order.
            if (n > 1 && !stillHeld(subscription)) {
                return Outcome.INTERRUPTED;
            }
            attempt = sender.send(subscription, entry, body);
            if (attempt.delivered()) {
                Log.debugf("webhook %s: delivered position %d (%s) on attempt %d", subscription.id(), entry.position(),
                        entry.type(), n);
                return Outcome.DELIVERED;
            }
            if (n < maxAttempts && wakeup.awaitChange(backoff.after(n))) {
                return Outcome.INTERRUPTED;
            }
        }
        Log.warnf("webhook %s: position %d (%s) dead-lettered after %d attempts: %s", subscription.id(),
                entry.position(), entry.type(), maxAttempts, attempt.error());
        boolean recorded = state.deadLetter(subscription, owner, entry, maxAttempts, attempt.status(),
                truncate(attempt.error())).await().atMost(DB_TIMEOUT);
        return recorded ? Outcome.DEAD_LETTERED : Outcome.INTERRUPTED;
    }

    private boolean stillHeld(Subscription subscription) {
        return state.leased(subscription.id(), owner).await().atMost(DB_TIMEOUT)
                .filter(current -> current.generation() == subscription.generation())
                .isPresent();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }
}
