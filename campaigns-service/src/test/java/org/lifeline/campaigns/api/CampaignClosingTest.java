package org.lifeline.campaigns.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.campaigns.CampaignsTopic;
import org.lifeline.campaigns.application.NeedCommandHandler;
import org.lifeline.campaigns.domain.need.CheckFreshness;
import org.lifeline.campaigns.domain.need.NeedCommand;
import org.lifeline.campaigns.domain.need.RecordDelivery;
import org.lifeline.campaigns.domain.need.RecordReservation;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Closing a campaign closes its live needs in the same transaction, even while needs are being posted to it. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "campaigns"),
        @ResourceArg(name = "kafka", value = "true")})
class CampaignClosingTest {

    private static final String NEED = """
            {"sector": "HEA", "item": "First aid kits", "unit": "kit", "quantity": %d, "urgency": "HIGH",
             "site": {"name": "Hanwang clinic", "lat": 31.43, "lon": 104.17, "privacy": "EXACT"}}""";

    @Inject
    NeedCommandHandler needs;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final UUID org = UUID.randomUUID();
    private final String coordinator = TestTokens.coordinator(UUID.randomUUID(), org);

    private RequestSpecification asCoordinator() {
        return given().auth().oauth2(coordinator).contentType(ContentType.JSON);
    }

    private String openCampaign() {
        return asCoordinator().body("""
                {"organisationId": "%s", "title": "Mianzhu earthquake", "kind": "EARTHQUAKE", "region": "Deyang",
                 "location": {"lat": 31.34, "lon": 104.2}}""".formatted(org))
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
    }

    private String postNeed(String campaignId, int quantity) {
        return asCoordinator().body(NEED.formatted(quantity)).post("/api/v1/campaigns/" + campaignId + "/needs")
                .then().statusCode(201).extract().path("id");
    }

    /** What donations-service's pledge events would do to a need, without donations-service. */
    private void apply(NeedCommand command) {
        needs.runForService(command, EventMetadata.of("system:test", Instant.now()))
                .await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void closing_a_campaign_cancels_its_open_needs_and_closes_its_fulfilled_ones() {
        String campaignId = openCampaign();
        String open = postNeed(campaignId, 100);
        String fullyPledged = postNeed(campaignId, 40);
        apply(new RecordReservation(UUID.fromString(fullyPledged), UUID.randomUUID(), 40));
        String fulfilled = postNeed(campaignId, 30);
        UUID pledge = UUID.randomUUID();
        apply(new RecordReservation(UUID.fromString(fulfilled), pledge, 30));
        apply(new RecordDelivery(UUID.fromString(fulfilled), pledge, 30));
        String cancelled = postNeed(campaignId, 10);
        asCoordinator().body("{\"reason\": \"CANCELLED\"}").post("/api/v1/needs/" + cancelled + "/close").then()
                .statusCode(200);
        String expired = postNeed(campaignId, 10);
        apply(new CheckFreshness(UUID.fromString(expired), Instant.now().plus(Duration.ofDays(4))));
        given().get("/api/v1/needs/" + fullyPledged).then().body("status", equalTo("FULLY_PLEDGED"));
        given().get("/api/v1/needs/" + fulfilled).then().body("status", equalTo("FULFILLED"));

        UUID requestId = UUID.randomUUID();
        asCoordinator().header("X-Request-Id", requestId.toString()).post("/api/v1/campaigns/" + campaignId + "/close")
                .then().statusCode(200).body("status", equalTo("CLOSED"));

        given().get("/api/v1/needs/" + open).then().body("status", equalTo("CANCELLED")).body("version", equalTo(2));
        given().get("/api/v1/needs/" + fullyPledged).then().body("status", equalTo("CANCELLED"))
                .body("reserved", equalTo(40));
        given().get("/api/v1/needs/" + fulfilled).then().body("status", equalTo("CLOSED")).body("delivered", equalTo(30));
        given().get("/api/v1/needs/" + cancelled).then().body("status", equalTo("CANCELLED")).body("version", equalTo(2));
        given().get("/api/v1/needs/" + expired).then().body("status", equalTo("EXPIRED")).body("version", equalTo(2));

        // The needs' events belong to the close: same flow, caused by CampaignClosed, in its transaction.
        ConsumerRecord<String, String> closed = CampaignsTopic.firstRecordOfType(bootstrap, campaignId,
                "org.lifeline.campaign.CampaignClosed.v1");
        ConsumerRecord<String, String> cancelledNeed = CampaignsTopic.firstRecordOfType(bootstrap, open,
                "org.lifeline.need.NeedCancelled.v1");
        assertThat(cancelledNeed.value()).contains("\"reserved\":0");
        assertThat(CampaignsTopic.header(cancelledNeed, "ce_correlationid")).isEqualTo(requestId.toString());
        assertThat(CampaignsTopic.header(cancelledNeed, "ce_causationid"))
                .isEqualTo(CampaignsTopic.header(closed, "ce_id"));
        ConsumerRecord<String, String> closedNeed = CampaignsTopic.firstRecordOfType(bootstrap, fulfilled,
                "org.lifeline.need.NeedClosed.v1");
        assertThat(closedNeed.value()).contains("\"requested\":30").contains("\"delivered\":30");
        assertThat(CampaignsTopic.header(closedNeed, "ce_correlationid")).isEqualTo(requestId.toString());
        assertThat(transactionsOf(campaignId, open, fullyPledged, fulfilled)).as("one transaction for the close")
                .isEqualTo(1);
    }

    @Test
    void a_need_posted_while_its_campaign_closes_never_stays_live() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int round = 0; round < 3; round++) {
            String campaignId = openCampaign();
            List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                posts.add(send(http, "/api/v1/campaigns/" + campaignId + "/needs", NEED.formatted(10 + i)));
            }
            CompletableFuture<HttpResponse<String>> close = send(http, "/api/v1/campaigns/" + campaignId + "/close", "");
            for (int i = 0; i < 6; i++) {
                posts.add(send(http, "/api/v1/campaigns/" + campaignId + "/needs", NEED.formatted(20 + i)));
            }
            assertThat(close.get().statusCode()).isEqualTo(200);

            List<String> posted = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> post : posts) {
                HttpResponse<String> response = post.get();
                assertThat(response.statusCode()).as(response.body()).isIn(201, 422);
                if (response.statusCode() == 201) {
                    posted.add(io.restassured.path.json.JsonPath.from(response.body()).getString("id"));
                } else {
                    assertThat(response.body()).contains("campaign-closed");
                }
            }
            for (String needId : posted) {
                given().get("/api/v1/needs/" + needId).then().statusCode(200).body("status", equalTo("CANCELLED"));
            }
            assertThat(count("SELECT count(*) FROM needs WHERE campaign_id = $1", UUID.fromString(campaignId)))
                    .isEqualTo(posted.size());
            assertThat(count("SELECT count(*) FROM needs WHERE campaign_id = $1 AND status <> 'CANCELLED'",
                    UUID.fromString(campaignId))).isZero();
        }
    }

    private CompletableFuture<HttpResponse<String>> send(HttpClient http, String path, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                        .header("Authorization", "Bearer " + coordinator)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long count(String sql, Object parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    /** How many transactions wrote the latest events of these streams. */
    private long transactionsOf(String... streams) {
        return pool.preparedQuery("SELECT count(DISTINCT transaction_id) FROM events e WHERE stream_id = ANY($1)"
                        + " AND version = (SELECT max(version) FROM events WHERE stream_id = e.stream_id)")
                .execute(Tuple.of((Object) streams)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
