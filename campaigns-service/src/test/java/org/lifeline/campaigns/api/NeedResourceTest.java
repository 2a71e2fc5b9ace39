package org.lifeline.campaigns.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.campaigns.CampaignsTopic;
import org.lifeline.campaigns.StoredEvents;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "campaigns"),
        @ResourceArg(name = "kafka", value = "true")})
class NeedResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final UUID org = UUID.randomUUID();
    private final String coordinator = TestTokens.coordinator(UUID.randomUUID(), org);

    private static final String NEED = """
            {"sector": "WSH", "item": "Water purification tablets", "unit": "box", "quantity": 500,
             "urgency": "HIGH", "site": {"name": "Wenchuan school", "lat": 31.47, "lon": 103.59, "privacy": "EXACT"}}""";

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private String openCampaign() {
        return as(coordinator).body("""
                {"organisationId": "%s", "title": "Sichuan earthquake", "kind": "EARTHQUAKE", "region": "Sichuan",
                 "location": {"lat": 30.66, "lon": 104.06}}""".formatted(org))
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
    }

    private ValidatableResponse postNeed(String token, String campaignId, String body) {
        return as(token).body(body).post("/api/v1/campaigns/" + campaignId + "/needs").then();
    }

    private String need() {
        return postNeed(coordinator, openCampaign(), NEED).statusCode(201).extract().path("id");
    }

    private ValidatableResponse patch(String token, String needId, String body) {
        return as(token).body(body).patch("/api/v1/needs/" + needId).then();
    }

    @Test
    void a_coordinator_posts_a_need_that_anyone_can_read() {
        String campaignId = openCampaign();
        String neededBy = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        var created = postNeed(coordinator, campaignId, NEED.replace("\"urgency\"",
                "\"neededBy\": \"" + neededBy + "\", \"urgency\"")).statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .body("campaignId", equalTo(campaignId))
                .body("requested", equalTo(500))
                .body("outstanding", equalTo(500))
                .body("status", equalTo("OPEN"))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/needs/" + id);

        var read = given().get("/api/v1/needs/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("id", equalTo(id))
                .body("campaignId", equalTo(campaignId))
                .body("sector", equalTo("WSH"))
                .body("item", equalTo("Water purification tablets"))
                .body("unit", equalTo("box"))
                .body("requested", equalTo(500))
                .body("reserved", equalTo(0))
                .body("delivered", equalTo(0))
                .body("outstanding", equalTo(500))
                .body("urgency", equalTo("HIGH"))
                .body("status", equalTo("OPEN"))
                .body("stale", equalTo(false))
                .body("site.name", equalTo("Wenchuan school"))
                .body("site.lat", equalTo(31.47f))
                .body("site.lon", equalTo(103.59f))
                .body("site.privacy", equalTo("EXACT"))
                .body("neededBy", equalTo(neededBy))
                .body("postedAt", equalTo(created.path("postedAt")))
                .body("updatedAt", equalTo(created.path("updatedAt")))
                .body("version", equalTo(1))
                .extract();
        assertThat(read.jsonPath().getMap("$")).containsOnlyKeys("id", "campaignId", "sector", "item", "unit",
                "requested", "reserved", "delivered", "outstanding", "overSubscribed", "urgency", "status", "stale",
                "site", "neededBy", "postedAt", "updatedAt", "version");
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1 AND stream_type = 'need'", id)).isEqualTo(1);
    }

    @Test
    void invalid_needs_name_their_fields() {
        String campaignId = openCampaign();
        postNeed(coordinator, campaignId, NEED.replace("\"WSH\"", "\"WATER\"")).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("sector"));
        postNeed(coordinator, campaignId, NEED.replace("500", "0").replace("31.47", "91")).statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItems("quantity", "site.lat"));
        postNeed(coordinator, campaignId, NEED.replace("500", "10000001")).statusCode(400)
                .body("errors.field", hasItems("quantity"));
        postNeed(coordinator, campaignId, NEED.replace("500", "10000000")).statusCode(201);
        postNeed(coordinator, campaignId, "{\"item\": \"x\"}").statusCode(400)
                .body("errors.field", hasItems("sector", "unit", "quantity", "urgency", "site"));
        postNeed(coordinator, campaignId, NEED.replace("\"urgency\"", "\"neededBy\": \"2000-01-01T00:00:00Z\", \"urgency\""))
                .statusCode(422).contentType(PROBLEM).body("type", endsWith("needed-by-in-past"));
    }

    @Test
    void a_closed_campaign_takes_no_need() {
        String campaignId = openCampaign();
        as(coordinator).post("/api/v1/campaigns/" + campaignId + "/close").then().statusCode(200);
        postNeed(coordinator, campaignId, NEED).statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("campaign-closed"));
        postNeed(coordinator, UUID.randomUUID().toString(), NEED).statusCode(404).contentType(PROBLEM);
    }

    @Test
    void who_may_post_and_change_a_need() {
        String campaignId = openCampaign();
        given().contentType(ContentType.JSON).body(NEED).post("/api/v1/campaigns/" + campaignId + "/needs").then()
                .statusCode(401).contentType(PROBLEM);
        postNeed(TestTokens.donor(UUID.randomUUID()), campaignId, NEED).statusCode(403).contentType(PROBLEM);
        postNeed(TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID()), campaignId, NEED).statusCode(403);
        String id = postNeed(TestTokens.admin(UUID.randomUUID()), campaignId, NEED).statusCode(201).extract().path("id");

        given().contentType(ContentType.JSON).body("{\"quantity\": 10}").patch("/api/v1/needs/" + id).then()
                .statusCode(401);
        patch(TestTokens.donor(UUID.randomUUID()), id, "{\"quantity\": 10}").statusCode(403);
        patch(TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID()), id, "{\"quantity\": 10}").statusCode(403);
        as(TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID())).post("/api/v1/needs/" + id + "/reconfirm")
                .then().statusCode(403);
        as(TestTokens.donor(UUID.randomUUID())).body("{\"reason\": \"CANCELLED\"}").post("/api/v1/needs/" + id + "/close")
                .then().statusCode(403);
        given().get("/api/v1/needs/" + id).then().body("version", equalTo(1)).body("requested", equalTo(500));
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1", id)).isEqualTo(1);
    }

    @Test
    void a_coordinator_revises_a_need_in_one_patch() {
        String id = need();
        patch(coordinator, id, "{\"quantity\": 300}").statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("requested", equalTo(300)).body("outstanding", equalTo(300)).body("version", equalTo(2));
        String neededBy = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        patch(coordinator, id, "{\"quantity\": 250, \"urgency\": \"CRITICAL\", \"neededBy\": \"" + neededBy + "\"}")
                .statusCode(200).body("requested", equalTo(250)).body("urgency", equalTo("CRITICAL"))
                .body("neededBy", equalTo(neededBy)).body("version", equalTo(5));
        given().get("/api/v1/needs/" + id).then().statusCode(200).header("ETag", equalTo("\"5\""))
                .body("requested", equalTo(250)).body("urgency", equalTo("CRITICAL")).body("version", equalTo(5));
        // The same values again change nothing.
        patch(coordinator, id, "{\"quantity\": 250}").statusCode(200).body("version", equalTo(5));
        patch(coordinator, id, "{\"quantity\": 0}").statusCode(400).body("errors.field", hasItems("quantity"));
    }

    @Test
    void a_stale_if_match_is_a_conflict() {
        String id = need();
        patch(coordinator, id, "{\"urgency\": \"LOW\"}").statusCode(200).body("version", equalTo(2));
        as(coordinator).header("If-Match", "\"1\"").body("{\"quantity\": 10}").patch("/api/v1/needs/" + id).then()
                .statusCode(409).contentType(PROBLEM);
        given().get("/api/v1/needs/" + id).then().body("requested", equalTo(500));
        as(coordinator).header("If-Match", "\"2\"").body("{\"quantity\": 10}").patch("/api/v1/needs/" + id).then()
                .statusCode(200).body("requested", equalTo(10)).body("version", equalTo(3));
    }

    @Test
    void a_cancelled_need_takes_no_change() {
        String id = need();
        as(coordinator).post("/api/v1/needs/" + id + "/reconfirm").then().statusCode(200)
                .body("version", equalTo(2)).body("stale", equalTo(false));
        as(coordinator).body("{\"reason\": \"CANCELLED\"}").post("/api/v1/needs/" + id + "/close").then()
                .statusCode(200).body("status", equalTo("CANCELLED")).body("version", equalTo(3));
        patch(coordinator, id, "{\"quantity\": 10}").statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("need-closed"));
        as(coordinator).post("/api/v1/needs/" + id + "/reconfirm").then().statusCode(422);
        as(coordinator).body("{\"reason\": \"SOLD\"}").post("/api/v1/needs/" + id + "/close").then().statusCode(400)
                .body("errors.field", hasItems("reason"));
        given().get("/api/v1/needs/" + id).then().body("status", equalTo("CANCELLED")).body("version", equalTo(3));
    }

    @Test
    void the_need_as_it_stood_before_a_revision() {
        String id = need();
        patch(coordinator, id, "{\"quantity\": 100}").statusCode(200);

        Instant before = StoredEvents.firstRecorded(pool, id);
        given().queryParam("asOf", before.toString()).get("/api/v1/needs/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("requested", equalTo(500)).body("version", equalTo(1));
        given().queryParam("asOf", "2000-01-01T00:00:00Z").get("/api/v1/needs/" + id).then().statusCode(404);
        given().queryParam("asOf", "yesterday").get("/api/v1/needs/" + id).then().statusCode(400);
    }

    @Test
    void unknown_needs_are_404() {
        String unknown = UUID.randomUUID().toString();
        given().get("/api/v1/needs/" + unknown).then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
        patch(coordinator, unknown, "{\"quantity\": 10}").statusCode(404);
        as(coordinator).post("/api/v1/needs/" + unknown + "/reconfirm").then().statusCode(404);
    }

    @Test
    void a_retried_post_returns_the_first_answer_and_posts_one_need() {
        String campaignId = openCampaign();
        String key = "need-" + UUID.randomUUID();
        var first = as(coordinator).header("Idempotency-Key", key).body(NEED)
                .post("/api/v1/campaigns/" + campaignId + "/needs").then().statusCode(201).extract();
        var again = as(coordinator).header("Idempotency-Key", key).body(NEED)
                .post("/api/v1/campaigns/" + campaignId + "/needs").then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract();
        assertThat(again.body().asString()).isEqualTo(first.body().asString());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(count("SELECT count(*) FROM events WHERE idempotency_key = $1", key)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM needs WHERE campaign_id = $1", UUID.fromString(campaignId)))
                .isEqualTo(1);
    }

    @Test
    void a_posted_need_is_published_to_the_campaigns_topic() {
        String id = need();
        ConsumerRecord<String, String> record = CampaignsTopic.firstRecordWithKey(bootstrap, id);
        assertThat(CampaignsTopic.header(record, "ce_type")).isEqualTo("org.lifeline.need.NeedPosted.v1");
        assertThat(CampaignsTopic.header(record, "ce_subject")).isEqualTo(id);
        assertThat(record.value()).contains("\"needId\":\"" + id + "\"").contains("\"sector\":\"WSH\"");
    }

    @Test
    void a_null_needed_by_removes_the_deadline_and_an_absent_one_keeps_it() {
        String campaignId = openCampaign();
        String neededBy = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String id = postNeed(coordinator, campaignId, NEED.replace("\"urgency\"",
                "\"neededBy\": \"" + neededBy + "\", \"urgency\"")).statusCode(201).extract().path("id");

        patch(coordinator, id, "{\"urgency\": \"LOW\"}").statusCode(200)
                .body("neededBy", equalTo(neededBy)).body("version", equalTo(2));
        patch(coordinator, id, "{\"neededBy\": null}").statusCode(200)
                .body("neededBy", nullValue()).body("version", equalTo(3));
        given().get("/api/v1/needs/" + id).then().body("neededBy", nullValue()).body("urgency", equalTo("LOW"));
        // No deadline to remove: nothing changes.
        patch(coordinator, id, "{\"neededBy\": null}").statusCode(200).body("version", equalTo(3));

        ConsumerRecord<String, String> changed = CampaignsTopic.firstRecordOfType(bootstrap, id,
                "org.lifeline.need.NeedDeadlineChanged.v1");
        assertThat(changed.value()).contains("\"from\":\"" + neededBy + "\"").doesNotContain("\"to\"");

        // "neededBy": null and no neededBy are different requests, also to Idempotency-Key.
        String key = "deadline-" + UUID.randomUUID();
        as(coordinator).header("Idempotency-Key", key).body("{\"neededBy\": null}").patch("/api/v1/needs/" + id)
                .then().statusCode(200);
        as(coordinator).header("Idempotency-Key", key).body("{}").patch("/api/v1/needs/" + id)
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void of_simultaneous_patches_with_the_same_if_match_exactly_one_wins() throws Exception {
        String id = need();
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> patches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            patches.add(http.sendAsync(HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + RestAssured.port + "/api/v1/needs/" + id))
                            .header("Authorization", "Bearer " + coordinator)
                            .header("Content-Type", "application/json")
                            .header("If-Match", "\"1\"")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"quantity\": " + (101 + i) + "}"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        Integer winner = null;
        for (CompletableFuture<HttpResponse<String>> patch : patches) {
            HttpResponse<String> response = patch.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 200) {
                winner = JsonPath.from(response.body()).getInt("requested");
            }
        }

        assertThat(statuses).containsOnly(200, 409).filteredOn(status -> status == 200).hasSize(1);
        given().get("/api/v1/needs/" + id).then().body("version", equalTo(2)).body("requested", equalTo(winner));
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1", id)).isEqualTo(2);
    }

    @Test
    void events_carry_the_request_id_as_correlation_and_the_account_as_actor() {
        UUID account = UUID.randomUUID();
        String token = TestTokens.coordinator(account, org);
        String campaignId = openCampaign();
        UUID requestId = UUID.randomUUID();
        String id = as(token).header("X-Request-Id", requestId.toString()).body(NEED)
                .post("/api/v1/campaigns/" + campaignId + "/needs").then().statusCode(201)
                .header("X-Request-Id", requestId.toString()).extract().path("id");

        ConsumerRecord<String, String> record = CampaignsTopic.firstRecordOfType(bootstrap, id,
                "org.lifeline.need.NeedPosted.v1");
        assertThat(CampaignsTopic.header(record, "ce_correlationid")).isEqualTo(requestId.toString());
        assertThat(CampaignsTopic.header(record, "ce_causationid")).isEqualTo(requestId.toString());
        assertThat(CampaignsTopic.header(record, "ce_actor")).isEqualTo(account.toString());

        // Without a request id of the caller's, the one the service gave the request is the flow.
        String assigned = as(token).body("{\"urgency\": \"CRITICAL\"}").patch("/api/v1/needs/" + id).then()
                .statusCode(200).extract().header("X-Request-Id");
        ConsumerRecord<String, String> reprioritized = CampaignsTopic.firstRecordOfType(bootstrap, id,
                "org.lifeline.need.NeedReprioritized.v1");
        assertThat(CampaignsTopic.header(reprioritized, "ce_correlationid")).isEqualTo(assigned);
        assertThat(CampaignsTopic.header(reprioritized, "ce_actor")).isEqualTo(account.toString());
    }

    private long count(String sql, Object parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }



    @Test
    void an_id_of_another_kind_is_an_unknown_need_or_campaign_not_an_error() {
        String campaignId = openCampaign();
        String needId = postNeed(coordinator, campaignId, NEED).statusCode(201).extract().path("id");

        patch(coordinator, campaignId, "{\"quantity\": 5}").statusCode(404).contentType(PROBLEM);
        given().get("/api/v1/needs/" + campaignId + "?asOf=" + Instant.now()).then().statusCode(404);
        as(coordinator).header("If-Match", "\"1\"").post("/api/v1/campaigns/" + needId + "/close").then()
                .statusCode(404).contentType(PROBLEM);
        given().get("/api/v1/campaigns/" + needId + "?asOf=" + Instant.now()).then().statusCode(404);
    }

}
