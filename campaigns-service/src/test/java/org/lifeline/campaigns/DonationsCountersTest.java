package org.lifeline.campaigns;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.Topics;
import org.lifeline.contracts.pledge.CancelledBy;
import org.lifeline.contracts.pledge.PledgeCancelled;
import org.lifeline.contracts.pledge.PledgeDelivered;
import org.lifeline.contracts.pledge.PledgeHoldExpired;
import org.lifeline.contracts.pledge.PledgePolicy;
import org.lifeline.contracts.pledge.PledgeReserved;
import org.lifeline.testing.CloudEventRecords;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pledge events from donations-service move the needs' counters and statuses. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "campaigns"),
        @ResourceArg(name = "kafka", value = "true")})
class DonationsCountersTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final UUID org = UUID.randomUUID();
    private final String coordinator = TestTokens.coordinator(UUID.randomUUID(), org);
    private final UUID donor = UUID.randomUUID();
    private final Map<UUID, Long> ledgerVersions = new java.util.HashMap<>();

    private UUID postNeed(int quantity) {
        String campaignId = given().auth().oauth2(coordinator).contentType(ContentType.JSON).body("""
                {"organisationId": "%s", "title": "Sichuan earthquake", "kind": "EARTHQUAKE", "region": "Sichuan",
                 "location": {"lat": 30.66, "lon": 104.06}}""".formatted(org))
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
        String needId = given().auth().oauth2(coordinator).contentType(ContentType.JSON).body("""
                {"sector": "SHL", "item": "Family tent", "unit": "piece", "quantity": %d, "urgency": "CRITICAL",
                 "site": {"name": "Beichuan middle school", "lat": 31.83, "lon": 104.46, "privacy": "EXACT"}}"""
                .formatted(quantity))
                .post("/api/v1/campaigns/" + campaignId + "/needs").then().statusCode(201).extract().path("id");
        return UUID.fromString(needId);
    }

    /** A pledge event on the need's ledger stream, keyed by the need id as donations-service publishes it. */
    private ProducerRecord<String, byte[]> onLedger(UUID needId, String type, Object data) {
        long version = ledgerVersions.merge(needId, 1L, Long::sum);
        return CloudEventRecords.record(Topics.DONATIONS, type, needId.toString(), version, json(data));
    }

    private PledgeReserved reserved(UUID needId, UUID pledgeId, int quantity) {
        return new PledgeReserved(pledgeId, needId, UUID.randomUUID(), org, donor, quantity, quantity,
                PledgePolicy.ALL_OR_NOTHING, Instant.now().plus(Duration.ofHours(48)), null);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        CloudEventRecords.send(bootstrap, List.of(record));
    }

    private static Map<String, Object> need(UUID needId) {
        return given().get("/api/v1/needs/" + needId).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private static void awaitNeed(UUID needId, int reserved, int delivered, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(need(needId))
                .containsEntry("reserved", reserved)
                .containsEntry("delivered", delivered)
                .containsEntry("status", status));
    }

    @Test
    void reservations_releases_and_deliveries_move_the_counters_and_the_status() {
        UUID needId = postNeed(100);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();

        send(onLedger(needId, PledgeReserved.TYPE, reserved(needId, first, 60)));
        awaitNeed(needId, 60, 0, "OPEN");
        assertThat(need(needId)).containsEntry("outstanding", 40);

        send(onLedger(needId, PledgeReserved.TYPE, reserved(needId, second, 40)));
        awaitNeed(needId, 100, 0, "FULLY_PLEDGED");

        send(onLedger(needId, PledgeCancelled.TYPE,
                new PledgeCancelled(second, needId, 40, CancelledBy.DONOR, "plans changed")));
        awaitNeed(needId, 60, 0, "OPEN");

        // A short delivery ends the pledge: 50 arrived, the other 10 go back to outstanding.
        send(onLedger(needId, PledgeDelivered.TYPE, new PledgeDelivered(first, needId, 50, 10)));
        awaitNeed(needId, 50, 50, "OPEN");
        assertThat(need(needId)).containsEntry("outstanding", 50);

        send(onLedger(needId, PledgeReserved.TYPE, reserved(needId, third, 50)));
        awaitNeed(needId, 100, 50, "FULLY_PLEDGED");
        send(onLedger(needId, PledgeDelivered.TYPE, new PledgeDelivered(third, needId, 50, 0)));
        awaitNeed(needId, 100, 100, "FULFILLED");
    }

    @Test
    void a_request_lowered_below_its_pledges_shows_the_need_over_subscribed_until_a_pledge_is_released() {
        UUID needId = postNeed(100);
        UUID first = UUID.randomUUID();
        send(onLedger(needId, PledgeReserved.TYPE, reserved(needId, first, 60)));
        send(onLedger(needId, PledgeReserved.TYPE, reserved(needId, UUID.randomUUID(), 30)));
        awaitNeed(needId, 90, 0, "OPEN");
        assertThat(need(needId)).containsEntry("overSubscribed", false);

        long version = ((Number) need(needId).get("version")).longValue();
        given().auth().oauth2(coordinator).contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body("{\"quantity\": 50}").patch("/api/v1/needs/" + needId).then().statusCode(200);
        assertThat(need(needId)).containsEntry("requested", 50).containsEntry("reserved", 90)
                .containsEntry("outstanding", -40).containsEntry("overSubscribed", true)
                .containsEntry("status", "FULLY_PLEDGED");

        // The coordinator cancels the larger pledge in donations-service; its release arrives here.
        send(onLedger(needId, PledgeCancelled.TYPE,
                new PledgeCancelled(first, needId, 60, CancelledBy.COORDINATOR, "need lowered")));
        awaitNeed(needId, 30, 0, "OPEN");
        assertThat(need(needId)).containsEntry("overSubscribed", false).containsEntry("outstanding", 20);
    }

    @Test
    void a_redelivered_pledge_event_is_counted_once() {
        UUID needId = postNeed(100);
        ProducerRecord<String, byte[]> reservation = onLedger(needId, PledgeReserved.TYPE,
                reserved(needId, UUID.randomUUID(), 30));
        send(reservation);
        send(reservation);
        UUID expiring = UUID.randomUUID();
        send(onLedger(needId, PledgeReserved.TYPE, reserved(needId, expiring, 20)));
        send(onLedger(needId, PledgeHoldExpired.TYPE, new PledgeHoldExpired(expiring, needId, 20)));

        // The last event applied proves the redelivery before it was seen and skipped.
        await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) need(needId).get("version")).intValue() >= 4);
        awaitNeed(needId, 30, 0, "OPEN");
        assertThat(need(needId)).containsEntry("version", 4);
    }

    @Test
    void the_need_mirror_event_names_the_pledge_event_as_its_cause() {
        UUID needId = postNeed(10);
        ProducerRecord<String, byte[]> reservation = onLedger(needId, PledgeReserved.TYPE,
                reserved(needId, UUID.randomUUID(), 10));
        send(reservation);
        awaitNeed(needId, 10, 0, "FULLY_PLEDGED");

        ConsumerRecord<String, String> mirror = recordOnCampaignsTopic(needId.toString(),
                "org.lifeline.need.NeedQuantityReserved.v1");
        assertThat(CampaignsTopic.header(mirror, "ce_causationid")).isEqualTo(header(reservation, "ce_id"));
        assertThat(CampaignsTopic.header(mirror, "ce_correlationid")).isEqualTo(header(reservation, "ce_correlationid"));
        assertThat(CampaignsTopic.header(mirror, "ce_actor")).isEqualTo("system:campaigns-service");
    }

    @Test
    void a_pledge_event_for_an_unknown_need_is_dead_lettered_and_the_next_ones_still_apply() {
        UUID unknown = UUID.randomUUID();
        ProducerRecord<String, byte[]> orphan = onLedger(unknown, PledgeReserved.TYPE,
                reserved(unknown, UUID.randomUUID(), 5));
        send(orphan);
        UUID needId = postNeed(10);
        send(onLedger(needId, PledgeReserved.TYPE, reserved(needId, UUID.randomUUID(), 4)));

        awaitNeed(needId, 4, 0, "OPEN");
        String orphanId = header(orphan, "ce_id");
        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.DONATIONS)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (orphanId.equals(CampaignsTopic.header(record, "ce_id"))) {
                        dead.add(record);
                    }
                });
                return !dead.isEmpty();
            });
        }
        assertThat(dead).hasSize(1);
        assertThat(dead.getFirst().key()).isEqualTo(unknown.toString());
    }

    private ConsumerRecord<String, String> recordOnCampaignsTopic(String key, String type) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "mirror-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CAMPAIGNS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key()) && type.equals(CampaignsTopic.header(record, "ce_type"))) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found.getFirst();
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String json(Object data) {
        try {
            return ContractJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
