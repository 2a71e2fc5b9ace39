package org.lifeline.feed.webhook;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one signed delivery and reports how it went; never throws. Blocking (it waits for the answer up to
 * {@code lifeline.feed.webhooks.timeout}): deliverers call it on their own virtual threads. Redirects are not
 * followed, so a receiver cannot bounce deliveries to an address the target check would refuse.
 */
@ApplicationScoped
public class WebhookSender {

    static final String EVENT_ID = "X-Lifeline-Event-Id";
    static final String TIMESTAMP = "X-Lifeline-Timestamp";
    static final String SIGNATURE = "X-Lifeline-Signature";
    private static final String USER_AGENT = "Lifeline-Webhooks/1";

    private final WebhookTargets targets;
    private final Duration timeout;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient client;

    WebhookSender(WebhookTargets targets, WebhooksConfig config) {
        this.targets = targets;
        this.timeout = config.timeout();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    DeliveryAttempt send(Subscription subscription, FeedEntry entry, String body) {
        try {
            // Again at each attempt: the host may resolve elsewhere than when the subscription was made.
            targets.checkAddresses(subscription.url());
        } catch (InvalidWebhook refused) {
            return DeliveryAttempt.failed("target refused: " + refused.getMessage());
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(subscription.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header(EVENT_ID, entry.eventId().toString())
                .header(TIMESTAMP, Long.toString(timestamp))
                .header(SIGNATURE, WebhookSignature.sign(subscription.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request,
                HttpResponse.BodyHandlers.discarding());
        try {
            // The request timeout covers the wait for the status line; this bound covers the body too.
            return DeliveryAttempt.answered(response.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS).statusCode());
        } catch (TimeoutException e) {
            response.cancel(true);
            return timedOut();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return timedOut();
            }
            String message = cause.getMessage();
            return DeliveryAttempt.failed(cause.getClass().getSimpleName() + (message == null ? "" : ": " + message));
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            return DeliveryAttempt.failed("interrupted");
        }
    }

    private DeliveryAttempt timedOut() {
        return DeliveryAttempt.failed("no answer within " + timeout.toMillis() + " ms");
    }

    @PreDestroy
    void close() {
        client.shutdownNow();
    }
}
