package org.lifeline.feed.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lifeline.testing.LifelineTestResource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries against a local receiver. Needs the test profile's webhook settings (loopback allowed, short
 * back-off, 3 attempts, 1 s timeout): see {@link #the_test_profile_allows_loopback_and_retries_quickly()}.
 */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "feed"),
        @ResourceArg(name = "kafka", value = "true")})
class WebhookDeliveryTest {

    private static final String PATH = "/api/v1/partners/me/webhooks";
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static WebhookReceiver receiver;

    @Inject
    Pool pool;

    @Inject
    WebhooksConfig config;

    @Inject
    WebhookDeliverer deliverer;

    @Inject
    DeliveryState deliveryState;

    @Inject
    WebhookSender sender;

    @Inject
    ObjectMapper json;

    private final UUID partner = UUID.randomUUID();
    private final String token = PartnerTokens.webhookManager(partner);
    private FeedLogRows feed;

    @BeforeAll
    static void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void setUp() {
        feed = new FeedLogRows(pool);
    }

    /** A failing webhook left behind would keep retrying every later event of the other tests. */
    @AfterEach
    void deleteWebhooks() {
        pool.preparedQuery("WITH gone AS (DELETE FROM webhook_subscriptions WHERE partner_id = $1 RETURNING id)"
                        + " SELECT pg_notify('lifeline_webhooks', id::text) FROM gone").execute(Tuple.of(partner))
                .await().atMost(BOUND);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private String subscribe(WebhookReceiver.Endpoint endpoint, String eventTypes, Long fromPosition) {
        String body = """
                {"url": "%s", "eventTypes": %s, "secret": "%s"%s}""".formatted(endpoint.url, eventTypes,
                endpoint.secret, fromPosition == null ? "" : ", \"fromPosition\": " + fromPosition);
        return as(token).body(body).post(PATH).then().statusCode(201).extract().path("id");
    }

    private String subscribe(WebhookReceiver.Endpoint endpoint, String eventTypes) {
        return subscribe(endpoint, eventTypes, null);
    }

    private static List<String> ids(FeedLogRows.Row... rows) {
        return Stream.of(rows).map(FeedLogRows.Row::eventId).toList();
    }

    /** What the endpoint received of the given rows, in order (rows other tests append are left out). */
    private static List<String> receivedOf(WebhookReceiver.Endpoint endpoint, FeedLogRows.Row... rows) {
        Set<String> mine = Stream.of(rows).map(FeedLogRows.Row::eventId).collect(Collectors.toSet());
        return endpoint.ids().stream().filter(mine::contains).toList();
    }

    /** The webhook's dead letters of the given rows (rows other tests append are left out). */
    private List<JsonNode> deadLettersOf(String id, FeedLogRows.Row... rows) {
        Set<String> mine = Stream.of(rows).map(FeedLogRows.Row::eventId).collect(Collectors.toSet());
        return deadLetters(id).stream().filter(letter -> mine.contains(letter.path("eventId").asText())).toList();
    }

    private List<JsonNode> deadLetters(String id) {
        String body = as(token).queryParam("limit", 200).get(PATH + "/" + id + "/dead-letters").then().statusCode(200).extract().asString();
        try {
            List<JsonNode> items = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("items").forEach(items::add);
            return items;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long position(String id) {
        return as(token).get(PATH + "/" + id).then().statusCode(200).extract().jsonPath().getLong("position");
    }

    @Test
    void the_test_profile_allows_loopback_and_retries_quickly() {
        assertThat(config.allowLoopback()).as("%test.lifeline.feed.webhooks.allow-loopback=true").isTrue();
        assertThat(config.allowPrivate()).as("private targets stay refused in tests").isFalse();
        assertThat(config.retry().maxAttempts()).as("%test.lifeline.feed.webhooks.retry.max-attempts=3").isEqualTo(3);
        assertThat(config.retry().baseDelay()).as("%test.lifeline.feed.webhooks.retry.base-delay=20ms")
                .isLessThanOrEqualTo(Duration.ofMillis(100));
        assertThat(config.timeout()).as("%test.lifeline.feed.webhooks.timeout=1s").isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void deliveries_are_signed_and_arrive_in_feed_order() {
        WebhookReceiver.Endpoint endpoint = receiver.endpoint();
        subscribe(endpoint, "[\"need.*\"]");
        FeedLogRows.Row[] rows = new FeedLogRows.Row[5];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = feed.append(i % 2 == 0 ? "need.NeedPosted" : "need.NeedQuantityRevised");
        }

        await().atMost(BOUND).until(() -> receivedOf(endpoint, rows).size() >= rows.length);

        assertThat(receivedOf(endpoint, rows)).containsExactlyElementsOf(ids(rows));
        List<WebhookReceiver.Delivery> deliveries = endpoint.received;
        List<Long> positions = deliveries.stream().map(d -> d.json().path("position").asLong()).toList();
        assertThat(positions).isSorted();
        for (WebhookReceiver.Delivery delivery : deliveries) {
            assertThat(delivery.signatureValid()).as("signature of %s", delivery.body()).isTrue();
            assertThat(delivery.contentType()).startsWith("application/json");
            assertThat(delivery.eventId()).isEqualTo(delivery.id());
            assertThat(delivery.timestamp()).matches("\\d{10}");
            JsonNode json = delivery.json();
            assertThat(json.properties()).extracting(java.util.Map.Entry::getKey)
                    .containsExactly("id", "type", "time", "position", "data");
            assertThat(json.path("type").asText()).startsWith("need.");
            assertThat(json.path("data").path("item").asText()).isEqualTo("blankets");
        }
        JsonNode first = deliveries.getFirst().json();
        assertThat(first.path("type").asText()).isEqualTo("need.NeedPosted");
        assertThat(first.path("time").asText()).endsWith("Z");
    }

    @Test
    void a_receiver_failing_twice_gets_the_event_three_times_then_the_next_ones_in_order() {
        UUID firstId = UUID.randomUUID();
        WebhookReceiver.Endpoint endpoint = receiver.endpoint();
        endpoint.answering(delivery -> delivery.id().equals(firstId.toString())
                && endpoint.count(firstId.toString()) <= 2 ? 500 : 200);
        String id = subscribe(endpoint, "[\"need.*\"]");
        FeedLogRows.Row first = feed.append(firstId, "need.NeedPosted");
        FeedLogRows.Row second = feed.append("need.NeedReprioritized");
        FeedLogRows.Row third = feed.append("need.NeedClosed");

        await().atMost(BOUND).until(() -> receivedOf(endpoint, first, second, third).size() >= 5);

        assertThat(receivedOf(endpoint, first, second, third))
                .containsExactly(first.eventId(), first.eventId(), first.eventId(), second.eventId(), third.eventId());
        assertThat(endpoint.received).allMatch(WebhookReceiver.Delivery::signatureValid);
        await().atMost(BOUND).until(() -> position(id) >= third.position());
        assertThat(deadLettersOf(id, first, second, third)).isEmpty();
    }

    @Test
    void attempts_made_before_a_restart_count_towards_the_limit() throws InterruptedException {
        UUID eventId = UUID.randomUUID();
        UUID nextInstance = UUID.randomUUID();
        AtomicReference<UUID> webhook = new AtomicReference<>();
        WebhookReceiver.Endpoint endpoint = receiver.endpoint();
        endpoint.answering(delivery -> {
            if (delivery.id().equals(eventId.toString()) && endpoint.count(eventId.toString()) == 2) {
                // The instance delivering it goes down during its second attempt; another takes the lease over.
                pool.preparedQuery("UPDATE webhook_subscriptions SET lease_owner = $2,"
                                + " lease_expires_at = clock_timestamp() + interval '1 hour' WHERE id = $1")
                        .execute(Tuple.of(webhook.get(), nextInstance)).await().atMost(BOUND);
            }
            return 503;
        });
        String id = subscribe(endpoint, "[\"need.*\"]");
        webhook.set(UUID.fromString(id));
        FeedLogRows.Row row = feed.append(eventId, "need.NeedPosted");

        await().atMost(BOUND).until(() -> !deliverer.delivering().contains(webhook.get()));
        assertThat(endpoint.count(eventId.toString())).as("attempts before the restart").isEqualTo(2);
        var recorded = pool.preparedQuery("SELECT attempt_position, attempts, next_attempt_at FROM webhook_subscriptions"
                + " WHERE id = $1").execute(Tuple.of(webhook.get())).await().atMost(BOUND).iterator().next();
        assertThat(recorded.getLong("attempt_position")).isEqualTo(row.position());
        assertThat(recorded.getInteger("attempts")).isEqualTo(2);
        assertThat(recorded.getOffsetDateTime("next_attempt_at")).isNotNull();

        // The new instance's deliverer reads the attempts made so far from the database and makes only the rest.
        SubscriptionDelivery restarted = new SubscriptionDelivery(webhook.get(), nextInstance, deliveryState, sender,
                json, config);
        Thread thread = Thread.ofVirtual().name("webhook-restarted").start(restarted);
        try {
            await().atMost(BOUND).until(() -> !deadLettersOf(id, row).isEmpty());
            assertThat(endpoint.count(eventId.toString())).as("attempts in all").isEqualTo(config.retry().maxAttempts());
            JsonNode letter = deadLettersOf(id, row).getFirst();
            assertThat(letter.path("attempts").asInt()).isEqualTo(config.retry().maxAttempts());
            assertThat(letter.path("lastStatus").asInt()).isEqualTo(503);
            var cleared = pool.preparedQuery("SELECT attempt_position, attempts FROM webhook_subscriptions WHERE id = $1")
                    .execute(Tuple.of(webhook.get())).await().atMost(BOUND).iterator().next();
            assertThat(cleared.getLong("attempt_position")).as("the cursor moved on: no attempts pending").isNull();
            assertThat(cleared.getInteger("attempts")).isZero();
        } finally {
            restarted.wakeup().stop();
            thread.join(BOUND);
        }
    }

    @Test
    void a_receiver_that_always_fails_gets_dead_letters_which_a_redelivery_replays_in_order() {
        WebhookReceiver.Endpoint endpoint = receiver.endpoint().answering(delivery -> 503);
        String id = subscribe(endpoint, "[\"need.*\"]");
        FeedLogRows.Row first = feed.append("need.NeedPosted");
        FeedLogRows.Row second = feed.append("need.NeedExpired");

        await().atMost(BOUND).until(() -> deadLettersOf(id, first, second).size() >= 2);

        List<JsonNode> letters = deadLettersOf(id, first, second);
        assertThat(letters).extracting(letter -> letter.path("position").asLong())
                .containsExactly(first.position(), second.position());
        assertThat(letters).extracting(letter -> letter.path("eventId").asText())
                .containsExactly(first.eventId(), second.eventId());
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.path("attempts").asInt()).isEqualTo(3);
            assertThat(letter.path("lastStatus").asInt()).isEqualTo(503);
            assertThat(letter.path("lastError").asText()).isEqualTo("HTTP 503");
            assertThat(letter.path("redeliveredAt").isNull()).isTrue();
        });
        assertThat(letters.getFirst().path("type").asText()).isEqualTo("need.NeedPosted");
        assertThat(receivedOf(endpoint, first, second)).containsExactly(first.eventId(), first.eventId(),
                first.eventId(), second.eventId(), second.eventId(), second.eventId());
        assertThat(position(id)).isGreaterThanOrEqualTo(second.position());

        endpoint.answering(delivery -> 200);
        as(token).body("{\"fromPosition\": " + first.position() + "}").post(PATH + "/" + id + "/redeliver")
                .then().statusCode(202);

        await().atMost(BOUND).until(() -> receivedOf(endpoint, first, second).size() >= 8);
        assertThat(receivedOf(endpoint, first, second).subList(6, 8))
                .containsExactly(first.eventId(), second.eventId());
        assertThat(deadLettersOf(id, first, second))
                .allSatisfy(letter -> assertThat(letter.path("redeliveredAt").isNull()).isFalse());
    }

    @Test
    void a_redelivery_replays_delivered_events_from_the_position_in_order() {
        WebhookReceiver.Endpoint endpoint = receiver.endpoint();
        String id = subscribe(endpoint, "[\"post.*\"]");
        FeedLogRows.Row first = feed.append("post.PostPublished");
        FeedLogRows.Row second = feed.append("post.PostPublished");
        FeedLogRows.Row third = feed.append("post.PostPublished");
        await().atMost(BOUND).until(() -> position(id) >= third.position());

        as(token).header("Idempotency-Key", "replay-" + id)
                .body("{\"fromPosition\": " + second.position() + "}").post(PATH + "/" + id + "/redeliver")
                .then().statusCode(202);

        await().atMost(BOUND).until(() -> receivedOf(endpoint, first, second, third).size() >= 5);
        assertThat(receivedOf(endpoint, first, second, third)).containsExactly(first.eventId(), second.eventId(),
                third.eventId(), second.eventId(), third.eventId());
    }

    @Test
    void filters_pick_exact_types_and_whole_kinds() {
        WebhookReceiver.Endpoint endpoint = receiver.endpoint();
        String id = subscribe(endpoint, "[\"need.NeedPosted\", \"post.*\"]");
        FeedLogRows.Row posted = feed.append("need.NeedPosted");
        FeedLogRows.Row closed = feed.append("need.NeedClosed");
        FeedLogRows.Row post = feed.append("post.PostPublished");
        FeedLogRows.Row pledge = feed.append("pledge.PledgeReserved");
        FeedLogRows.Row posted2 = feed.append("need.NeedPosted");
        FeedLogRows.Row campaign = feed.append("campaign.CampaignOpened");

        // Its cursor passes the entries it does not want, up to the last.
        await().atMost(BOUND).until(() -> position(id) >= campaign.position());

        assertThat(receivedOf(endpoint, posted, closed, post, pledge, posted2, campaign))
                .containsExactly(posted.eventId(), post.eventId(), posted2.eventId());
    }

    @Test
    void a_new_webhook_gets_only_later_events_unless_it_asks_for_a_position() {
        FeedLogRows.Row before = feed.append("need.NeedPosted");
        WebhookReceiver.Endpoint fromNow = receiver.endpoint();
        WebhookReceiver.Endpoint fromBefore = receiver.endpoint();
        subscribe(fromNow, "[\"need.*\"]");
        subscribe(fromBefore, "[\"need.*\"]", before.position());
        FeedLogRows.Row after = feed.append("need.NeedPosted");

        await().atMost(BOUND).until(() -> receivedOf(fromNow, before, after).size() >= 1
                && receivedOf(fromBefore, before, after).size() >= 2);

        assertThat(receivedOf(fromNow, before, after)).containsExactly(after.eventId());
        assertThat(receivedOf(fromBefore, before, after)).containsExactly(before.eventId(), after.eventId());
        // In order, so the first it got came after the subscription.
        assertThat(fromNow.received.getFirst().id()).isEqualTo(after.eventId());
    }

    @Test
    void a_receiver_that_does_not_answer_in_time_is_dead_lettered_without_holding_up_others() {
        WebhookReceiver.Endpoint hanging = receiver.endpoint().answering(delivery -> WebhookReceiver.HANG);
        WebhookReceiver.Endpoint healthy = receiver.endpoint();
        String hangingId = subscribe(hanging, "[\"need.*\"]");
        subscribe(healthy, "[\"need.*\"]");
        FeedLogRows.Row row = feed.append("need.NeedPosted");

        await().atMost(BOUND).until(() -> receivedOf(healthy, row).size() == 1);
        assertThat(deadLettersOf(hangingId, row)).as("the hanging receiver is still being retried").isEmpty();

        await().atMost(BOUND).until(() -> !deadLettersOf(hangingId, row).isEmpty());
        JsonNode letter = deadLettersOf(hangingId, row).getFirst();
        assertThat(letter.path("eventId").asText()).isEqualTo(row.eventId());
        assertThat(letter.path("lastStatus").isNull()).isTrue();
        assertThat(letter.path("lastError").asText()).startsWith("no answer within");
        assertThat(receivedOf(hanging, row)).hasSize(3);
    }

    @Test
    void deliveries_carry_no_personal_data() {
        WebhookReceiver.Endpoint endpoint = receiver.endpoint();
        subscribe(endpoint, "[\"pledge.*\", \"donation.*\"]");
        String donor = UUID.randomUUID().toString();
        // As if a projector let a donor's data through: the deliverer still leaves it out.
        FeedLogRows.Row pledge = feed.append("pledge.PledgeReserved", """
                {"pledgeId": "%s", "needId": "%s", "reserved": 5, "donorId": "%s", "donor": {"displayName": "anonymous",
                 "email": "donor@example.org", "phone": "+86 138 0000 0000"}}""".formatted(UUID.randomUUID(),
                UUID.randomUUID(), donor));
        FeedLogRows.Row donation = feed.append("donation.DonationReceived", """
                {"donationId": "%s", "amount": {"amount": 5000, "currency": "CNY"}, "donorId": "%s",
                 "paymentRef": "alipay-2026-0042"}""".formatted(UUID.randomUUID(), donor));

        await().atMost(BOUND).until(() -> receivedOf(endpoint, pledge, donation).size() >= 2);

        for (WebhookReceiver.Delivery delivery : endpoint.received) {
            assertThat(delivery.body()).doesNotContain(donor, "donor@example.org", "+86 138", "alipay-2026-0042",
                    "donorId", "paymentRef", "email");
            assertThat(delivery.signatureValid()).isTrue();
        }
        JsonNode data = endpoint.received.getFirst().json().path("data");
        assertThat(data.path("reserved").asInt()).isEqualTo(5);
        assertThat(data.path("donor").path("displayName").asText()).isEqualTo("anonymous");
    }

    @Test
    void each_webhook_has_one_deliverer_at_a_time() {
        WebhookReceiver.Endpoint endpoint = receiver.endpoint();
        String id = subscribe(endpoint, "[\"need.*\"]");
        await().atMost(BOUND).until(() -> deliverer.delivering().contains(UUID.fromString(id)));

        // Another instance's claim (a lease that ends at once, so nothing it takes stays away) does not get it.
        Set<UUID> taken = deliveryState.claim(UUID.randomUUID(), Duration.ZERO).await().atMost(BOUND);
        assertThat(taken).doesNotContain(UUID.fromString(id));

        FeedLogRows.Row row = feed.append("need.NeedPosted");
        await().atMost(BOUND).until(() -> receivedOf(endpoint, row).size() == 1);
    }

    @Test
    void a_deleted_webhook_is_no_longer_delivered() {
        WebhookReceiver.Endpoint endpoint = receiver.endpoint();
        String id = subscribe(endpoint, "[\"need.*\"]");
        await().atMost(BOUND).until(() -> deliverer.delivering().contains(UUID.fromString(id)));

        as(token).delete(PATH + "/" + id).then().statusCode(204);

        await().atMost(BOUND).until(() -> !deliverer.delivering().contains(UUID.fromString(id)));
    }
}
