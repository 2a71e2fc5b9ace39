package org.lifeline.feed.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.feed.FeedConsumer;
import org.lifeline.feed.FeedEvents;
import org.lifeline.feed.MixedStory;
import org.lifeline.feed.infra.FeedJson;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

/** Scans every public read (listings, campaign feed, SSE, export, the feed log) for donors' personal data. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "feed"),
        @ResourceArg(name = "kafka", value = "true")})
class PrivacyScanTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> PERSONAL_FIELDS = Set.of("donorId", "paymentRef", "offerId", "email",
            "carrier", "trackingRef");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/api/v1/feed/stream")
    URI stream;

    @Inject
    Pool pool;

    @Test
    void no_public_read_carries_donor_data_or_unrounded_approximate_sites() throws Exception {
        Instant start = Instant.parse("2026-07-01T00:00:00Z");
        MixedStory story = new MixedStory(start);
        UUID campaign = story.s.campaignId;
        List<String> json = new ArrayList<>();
        List<String> text = new ArrayList<>();

        try (SseClient sse = SseClient.open(URI.create(stream + "?campaignId=" + campaign), "0")) {
            FeedEvents.send(bootstrap, story.events);
            await().atMost(WAIT).until(() -> FeedConsumer.caughtUp(bootstrap));
            long streamed = pool.query("SELECT count(*) AS n FROM feed_log WHERE campaign_id = '" + campaign
                            + "' AND kind IN ('need', 'post', 'campaign', 'match-pool')")
                    .execute().await().atMost(WAIT).iterator().next().getLong("n");
            await().atMost(WAIT).until(() -> {
                sse.pending().forEach(event -> json.add(event.data()));
                return json.size() == streamed;
            });
        }

        String listing = "/api/v1/feed/needs?limit=200&campaignId=" + campaign;
        json.add(get(listing));
        json.add(get(listing + "&near=31.06,103.5&radiusKm=50"));
        json.add(get(listing + "&asOf=" + start.plusSeconds(20)));
        json.add(get("/api/v1/feed/needs?limit=200"));
        json.add(get("/api/v1/feed/campaigns/" + campaign + "?limit=200"));
        String admin = TestTokens.admin(UUID.randomUUID());
        text.add(given().auth().oauth2(admin).queryParam("campaignId", campaign.toString())
                .get("/api/v1/feed/needs/export.csv").then().statusCode(200).extract().asString());
        text.add(given().auth().oauth2(admin).queryParam("asOf", start.plusSeconds(40).toString())
                .get("/api/v1/feed/needs/export.csv").then().statusCode(200).extract().asString());
        pool.query("SELECT data::text AS d FROM feed_log").execute().await().atMost(WAIT)
                .forEach(row -> json.add(row.getString("d")));

        // The approximate need is there, rounded.
        assertThat(String.join("\n", json)).contains(story.approximateNeed.toString()).contains("31.06");
        text.addAll(json);
        for (String body : text) {
            for (UUID donor : story.donors) {
                assertThat(body).doesNotContain(donor.toString());
            }
            for (String ref : story.paymentRefs) {
                assertThat(body).doesNotContain(ref);
            }
            for (String coordinate : story.secretCoordinates) {
                assertThat(body).doesNotContain(coordinate);
            }
        }
        for (String body : json) {
            scan(FeedJson.mapper().readTree(body), body);
        }
    }

    private static String get(String path) {
        return given().get(path).then().statusCode(200).extract().asString();
    }

    /** No personal field anywhere; every APPROXIMATE site at most to the hundredth of a degree. */
    private static void scan(JsonNode node, String body) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                assertThat(PERSONAL_FIELDS).as("a field of " + body).doesNotContain(field.getKey());
                scan(field.getValue(), body);
            });
            if ("APPROXIMATE".equals(node.path("privacy").asText())) {
                assertThat(new BigDecimal(node.get("lat").asText()).stripTrailingZeros().scale()).isLessThanOrEqualTo(2);
                assertThat(new BigDecimal(node.get("lon").asText()).stripTrailingZeros().scale()).isLessThanOrEqualTo(2);
            }
        } else if (node.isArray()) {
            node.forEach(element -> scan(element, body));
        }
    }
}
