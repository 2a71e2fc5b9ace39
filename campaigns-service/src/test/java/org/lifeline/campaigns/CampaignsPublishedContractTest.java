package org.lifeline.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.GoldenSamples;
import org.lifeline.contracts.IntegrationEvents;
import org.lifeline.contracts.Topics;
import org.lifeline.contracts.campaign.CampaignOpened;
import org.lifeline.contracts.campaign.PostPublished;
import org.lifeline.contracts.need.NeedDeadlineChanged;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.NeedQuantityRevised;
import org.lifeline.contracts.need.NeedReprioritized;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What campaigns-service publishes to {@code lifeline.campaigns.v1} for real HTTP commands keeps
 * docs/events.md: record key, CloudEvents headers, and a payload with its golden sample's shape.
 */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "campaigns"),
        @ResourceArg(name = "kafka", value = "true")})
class CampaignsPublishedContractTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final UUID coordinatorId = UUID.randomUUID();
    private final UUID org = UUID.randomUUID();
    private final String coordinator = TestTokens.coordinator(coordinatorId, org);

    /** A request with its own {@code X-Request-Id}, the flow its events must carry as correlation id. */
    private record Request(String requestId) {
        static Request next() {
            return new Request(UUID.randomUUID().toString());
        }
    }

    private RequestSpecification as(Request request) {
        return given().auth().oauth2(coordinator).contentType(ContentType.JSON)
                .header("X-Request-Id", request.requestId());
    }

    @Test
    void a_campaign_its_post_and_its_need_are_published_as_the_contract_says() {
        Instant before = Instant.now().minusSeconds(1);
        Instant neededBy = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        Request open = Request.next();
        String campaignId = as(open).body("""
                        {"organisationId": "%s", "title": "Sichuan earthquake relief", "kind": "EARTHQUAKE",
                         "region": "Wenchuan County, Sichuan", "location": {"lat": 31.02, "lon": 103.43},
                         "description": "Family tents and clean water for displaced families.",
                         "glide": "EQ-2026-000123-CHN"}""".formatted(org))
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
        Request post = Request.next();
        as(post).body("""
                        {"text": "Yingxiu school field is now a camp for 300 families.",
                         "location": {"lat": 31.06, "lon": 103.49},
                         "mediaUrls": ["https://media.lifeline.example/posts/yingxiu-1.jpg"]}""")
                .post("/api/v1/campaigns/" + campaignId + "/posts").then().statusCode(201);
        Request postNeed = Request.next();
        String needId = as(postNeed).body("""
                        {"sector": "SHL", "item": "Family tent (4-6 persons)", "unit": "tent", "quantity": 300,
                         "urgency": "HIGH", "neededBy": "%s",
                         "site": {"name": "Yingxiu Town Middle School camp", "lat": 31.06, "lon": 103.49,
                                  "privacy": "EXACT"}}""".formatted(neededBy))
                .post("/api/v1/campaigns/" + campaignId + "/needs").then().statusCode(201).extract().path("id");
        Request revise = Request.next();
        as(revise).body("""
                        {"quantity": 420, "urgency": "CRITICAL", "neededBy": "%s"}"""
                        .formatted(neededBy.minus(2, ChronoUnit.DAYS)))
                .patch("/api/v1/needs/" + needId).then().statusCode(200);

        List<ConsumerRecord<String, String>> campaign = recordsWithKey(campaignId, 2);
        assertPublished(campaign.get(0), CampaignOpened.TYPE, campaignId, 1, open, before);
        assertPublished(campaign.get(1), PostPublished.TYPE, campaignId, 2, post, before);

        List<ConsumerRecord<String, String>> need = recordsWithKey(needId, 4);
        assertPublished(need.get(0), NeedPosted.TYPE, needId, 1, postNeed, before);
        assertPublished(need.get(1), NeedQuantityRevised.TYPE, needId, 2, revise, before);
        assertPublished(need.get(2), NeedReprioritized.TYPE, needId, 3, revise, before);
        assertPublished(need.get(3), NeedDeadlineChanged.TYPE, needId, 4, revise, before);
    }

    private void assertPublished(ConsumerRecord<String, String> record, String type, String streamId, long version,
                                 Request request, Instant notBefore) {
        String what = type + " v" + version + " of " + streamId;
        assertThat(record.key()).as(what + ": key").isEqualTo(streamId);
        assertThat(header(record, "ce_specversion")).as(what + ": ce_specversion").isEqualTo("1.0");
        assertThat(header(record, "ce_type")).as(what + ": ce_type").isEqualTo(type);
        assertThat(header(record, "ce_subject")).as(what + ": ce_subject").isEqualTo(streamId);
        // The kernel writes the service as a URI reference (EventSourcingBeans: "/" + service name).
        assertThat(header(record, "ce_source")).as(what + ": ce_source").isEqualTo("/campaigns-service");
        assertThat(header(record, "ce_streamversion")).as(what + ": ce_streamversion")
                .isEqualTo(Long.toString(version));
        assertThat(UUID.fromString(header(record, "ce_id"))).as(what + ": ce_id").isNotNull();
        String time = header(record, "ce_time");
        assertThat(time).as(what + ": ce_time in UTC").endsWith("Z");
        assertThat(Instant.parse(time)).as(what + ": ce_time").isBetween(notBefore, Instant.now());
        assertThat(header(record, "ce_actor")).as(what + ": ce_actor").isEqualTo(coordinatorId.toString());
        assertThat(header(record, "ce_correlationid")).as(what + ": ce_correlationid = the X-Request-Id")
                .isEqualTo(request.requestId());
        assertThat(header(record, "ce_causationid")).as(what + ": ce_causationid = the request")
                .isEqualTo(request.requestId());

        JsonNode payload = readTree(record.value());
        GoldenSamples.assertConformsTo(type, payload);
        List<String> fields = new ArrayList<>();
        payload.fieldNames().forEachRemaining(fields::add);
        List<String> sampleFields = new ArrayList<>();
        GoldenSamples.tree(type).fieldNames().forEachRemaining(sampleFields::add);
        assertThat(fields).as(what + ": every optional field was given, so every field is published")
                .containsExactlyInAnyOrderElementsOf(sampleFields);
        assertThat(IntegrationEvents.read(type, record.value())).as(what + ": consumers read it").isPresent();
    }

    /** The records with this key in the order they were published, once {@code count} have arrived (30 s at most). */
    private List<ConsumerRecord<String, String>> recordsWithKey(String key, int count) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "campaigns-contract-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CAMPAIGNS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        received.add(record);
                    }
                });
                return received.size() >= count;
            });
        }
        assertThat(received).as("records with key " + key).hasSize(count);
        return received;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode readTree(String json) {
        try {
            return ContractJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }
}
