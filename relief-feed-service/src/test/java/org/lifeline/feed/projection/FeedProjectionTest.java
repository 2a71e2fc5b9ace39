package org.lifeline.feed.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.Topics;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.NeedReconfirmed;
import org.lifeline.feed.FeedEvents;
import org.lifeline.feed.Scenario;
import org.lifeline.testing.LifelineTestResource;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "feed"),
        @ResourceArg(name = "kafka", value = "true")})
class FeedProjectionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    private JsonPath campaignFeed(UUID campaignId) {
        return given().get("/api/v1/feed/campaigns/" + campaignId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_campaign_story_shows_in_listings_totals_and_timeline() {
        Scenario s = new Scenario();
        UUID tents = UUID.randomUUID();
        UUID water = UUID.randomUUID();
        UUID donorA = UUID.randomUUID();
        UUID donorB = UUID.randomUUID();
        UUID donorC = UUID.randomUUID();
        UUID donorD = UUID.randomUUID();
        UUID p1 = UUID.randomUUID();
        UUID p2 = UUID.randomUUID();
        UUID p3 = UUID.randomUUID();
        UUID d1 = UUID.randomUUID();
        UUID d2 = UUID.randomUUID();
        UUID pool = UUID.randomUUID();
        FeedEvents.send(bootstrap, List.of(
                s.opened("Sichuan earthquake relief"),
                s.post(UUID.randomUUID(), "Yingxiu camp opened"),
                s.need(tents, "item", "Family tent", "quantity", 100, "urgency", "CRITICAL"),
                s.need(water, "item", "Water purification tablets", "quantity", 10, "urgency", "LOW",
                        "sector", "WSH"),
                s.pledgeReserved(tents, p1, donorA, 60), s.reservedOnNeed(tents, p1, 60),
                s.pledgeReserved(tents, p2, donorB, 40), s.reservedOnNeed(tents, p2, 40),
                s.pledgeReserved(water, p3, donorD, 10), s.reservedOnNeed(water, p3, 10),
                s.pledgeDelivered(water, p3, 10, 0), s.deliveredOnNeed(water, p3, 10), s.fulfilled(water, 10, 10),
                s.donation(d1, donorA, 20_000, "wxpay-1"),
                s.donation(d2, donorC, 5_000, null), s.refund(d2, 5_000),
                s.poolOpened(pool, 50_000), s.matchApplied(pool, d1, donorA, 20_000, 30_000)));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath feed = campaignFeed(s.campaignId);
            assertThat(feed.getString("campaign.title")).isEqualTo("Sichuan earthquake relief");
            assertThat(feed.getString("campaign.status")).isEqualTo("ACTIVE");
            assertThat(feed.getLong("totals.raised.amount")).isEqualTo(20_000L);
            assertThat(feed.getLong("totals.matched.amount")).isEqualTo(20_000L);
            assertThat(feed.getString("totals.raised.currency")).isEqualTo("CNY");
            assertThat(feed.getList("totals.raisedByCurrency.amount", Long.class)).containsExactly(20_000L);
            assertThat(feed.getInt("totals.donors")).isEqualTo(4);
            assertThat(feed.getInt("totals.needsOpen")).isEqualTo(1);
            assertThat(feed.getInt("totals.needsFulfilled")).isEqualTo(1);
            assertThat(feed.getInt("totals.unitsRequested")).isEqualTo(110);
            assertThat(feed.getInt("totals.unitsReserved")).isEqualTo(110);
            assertThat(feed.getInt("totals.unitsDelivered")).isEqualTo(10);
            assertThat(feed.getList("timeline.type")).hasSize(6);
        });
        JsonPath feed = campaignFeed(s.campaignId);
        // Newest first: the events happened in the order they were built, a second apart.
        assertThat(feed.getList("timeline.milestone")).containsExactly("NEED_FULFILLED", "NEED_FULLY_PLEDGED",
                "NEED_FULLY_PLEDGED", null, null, null);
        assertThat(feed.getList("timeline.type")).containsExactly("milestone", "milestone", "milestone", "need",
                "need", "post");
        assertThat(feed.getString("timeline[0].needId")).isEqualTo(water.toString());
        assertThat(feed.getString("timeline[2].needId")).isEqualTo(tents.toString());
        assertThat(feed.getString("timeline[5].post.text")).isEqualTo("Yingxiu camp opened");

        given().queryParam("campaignId", s.campaignId.toString()).get("/api/v1/feed/needs")
                .then().statusCode(200)
                .body("items.id", contains(tents.toString(), water.toString()))
                .body("items[0].status", equalTo("FULLY_PLEDGED"))
                .body("items[0].reserved", equalTo(100))
                .body("items[0].outstanding", equalTo(0))
                .body("items[0].campaignTitle", equalTo("Sichuan earthquake relief"))
                .body("items[1].status", equalTo("FULFILLED"))
                .body("items[1].delivered", equalTo(10))
                .body("nextCursor", equalTo(null));
    }

    @Test
    void a_redelivered_event_changes_nothing() {
        Scenario s = new Scenario();
        UUID need = UUID.randomUUID();
        UUID donation = UUID.randomUUID();
        FeedEvents.Event opened = s.opened("Floods in Henan");
        FeedEvents.Event posted = s.need(need, "quantity", 50);
        FeedEvents.Event reserved = s.reservedOnNeed(need, UUID.randomUUID(), 20);
        FeedEvents.Event received = s.donation(donation, UUID.randomUUID(), 3_000, null);
        FeedEvents.send(bootstrap, List.of(opened, posted, reserved, received));
        // The same events again (same ce_id), then on the same keys a marker that comes after them.
        FeedEvents.send(bootstrap, List.of(reserved.again(), received.again(), posted.again(),
                s.needEvent(NeedReconfirmed.TYPE, need, "at", s.now()),
                s.refund(donation, 1_000)));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath feed = campaignFeed(s.campaignId);
            assertThat(feed.getLong("totals.raised.amount")).isEqualTo(2_000L);
            assertThat(needs(s.campaignId).getList("items.version", Integer.class)).containsExactly(3);
        });
        JsonPath needs = needs(s.campaignId);
        assertThat(needs.getInt("items[0].reserved")).isEqualTo(20);
        assertThat(needs.getInt("items[0].requested")).isEqualTo(50);
        assertThat(logRows(reserved.id())).isEqualTo(1);
        assertThat(logRows(received.id())).isEqualTo(1);
        assertThat(logRows(posted.id())).isEqualTo(1);
    }

    @Test
    void events_of_other_streams_may_come_in_any_order() {
        Scenario s = new Scenario();
        UUID need = UUID.randomUUID();
        UUID pledge = UUID.randomUUID();
        UUID donor = UUID.randomUUID();
        UUID donation = UUID.randomUUID();
        UUID pool = UUID.randomUUID();
        FeedEvents.Event opened = s.opened("Typhoon in Fujian");
        FeedEvents.Event posted = s.need(need, "quantity", 30);
        FeedEvents.Event poolOpened = s.poolOpened(pool, 10_000);
        FeedEvents.Event received = s.donation(donation, donor, 4_000, null);
        FeedEvents.Event matched = s.matchApplied(pool, donation, donor, 4_000, 6_000);
        FeedEvents.Event reserved = s.pledgeReserved(need, pledge, donor, 30);
        FeedEvents.Event mirrored = s.reservedOnNeed(need, pledge, 30);

        // Money and the pledge first; the campaign and its need later.
        FeedEvents.send(bootstrap, List.of(poolOpened, matched, received, reserved));
        await().atMost(WAIT).until(() -> logRows(received.id()) == 1 && logRows(matched.id()) == 1
                && logRows(reserved.id()) == 1);
        given().get("/api/v1/feed/campaigns/" + s.campaignId).then().statusCode(404);

        FeedEvents.send(bootstrap, List.of(opened, posted, mirrored));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath feed = campaignFeed(s.campaignId);
            assertThat(feed.getLong("totals.raised.amount")).isEqualTo(4_000L);
            assertThat(feed.getLong("totals.matched.amount")).isEqualTo(4_000L);
            assertThat(feed.getInt("totals.donors")).isEqualTo(1);
            assertThat(feed.getInt("totals.unitsReserved")).isEqualTo(30);
        });
        given().queryParam("campaignId", s.campaignId.toString()).get("/api/v1/feed/needs")
                .then().body("items", hasSize(1)).body("items[0].status", equalTo("FULLY_PLEDGED"));
    }

    @Test
    void an_unreadable_event_is_dead_lettered_and_an_unknown_one_skipped_while_the_feed_goes_on() {
        Scenario s = new Scenario();
        UUID need = UUID.randomUUID();
        FeedEvents.Event broken = new FeedEvents.Event(NeedPosted.TYPE, need.toString(), 1, s.now(),
                UUID.randomUUID(), "{not json");
        FeedEvents.Event unknown = new FeedEvents.Event("org.lifeline.need.NeedTeleported.v1", need.toString(), 2,
                s.now(), UUID.randomUUID(), "{}");
        FeedEvents.send(bootstrap, List.of(s.opened("Poison test"), broken, unknown));
        FeedEvents.send(bootstrap, List.of(new FeedEvents.Event(NeedPosted.TYPE, need.toString(), 3, s.now(),
                UUID.randomUUID(), FeedEvents.sample(NeedPosted.TYPE, Scenario.fields("needId", need,
                        "campaignId", s.campaignId, "organisationId", s.organisationId)))));

        await().atMost(WAIT).untilAsserted(() -> assertThat(needs(s.campaignId).getList("items.id"))
                .containsExactly(need.toString()));
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "feed-dlq-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            dlq.subscribe(List.of(Topics.deadLetter(Topics.CAMPAIGNS)));
            List<String> parked = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (need.toString().equals(record.key())) {
                        parked.add(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
                    }
                });
                return !parked.isEmpty();
            });
            assertThat(parked).containsExactly(broken.id().toString());
        }
        assertThat(logRows(unknown.id())).isZero();
    }

    @Test
    void a_long_timeline_pages_from_the_newest() {
        Scenario s = new Scenario();
        List<FeedEvents.Event> events = new ArrayList<>(List.of(s.opened("Timeline paging")));
        for (int i = 0; i < 7; i++) {
            events.add(s.post(UUID.randomUUID(), "Update " + i));
        }
        FeedEvents.send(bootstrap, events);
        await().atMost(WAIT).until(() -> campaignFeed(s.campaignId).getList("timeline").size() == 7);

        List<Object> texts = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/feed/campaigns/" + s.campaignId).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(page.getList("timeline")).hasSizeLessThanOrEqualTo(3);
            texts.addAll(page.getList("timeline.post.text"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(texts).containsExactly("Update 6", "Update 5", "Update 4", "Update 3", "Update 2", "Update 1",
                "Update 0");
        given().get("/api/v1/feed/campaigns/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("cursor", "zzz").get("/api/v1/feed/campaigns/" + s.campaignId).then().statusCode(400);
    }

    private static JsonPath needs(UUID campaignId) {
        return given().queryParam("campaignId", campaignId.toString()).get("/api/v1/feed/needs")
                .then().statusCode(200).extract().jsonPath();
    }

    private long logRows(UUID eventId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM feed_log WHERE event_id = $1").execute(Tuple.of(eventId))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
    }
}
