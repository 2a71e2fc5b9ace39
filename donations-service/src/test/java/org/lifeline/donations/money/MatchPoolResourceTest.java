package org.lifeline.donations.money;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.GoldenSamples;
import org.lifeline.contracts.Topics;
import org.lifeline.contracts.campaign.CampaignOpened;
import org.lifeline.testing.CloudEventRecords;
import org.lifeline.testing.LifelineTestResource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/** Opening and reading match pools, and the campaigns donations-service learns from the campaigns topic. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "donations"),
        @ResourceArg(name = "kafka", value = "true")})
class MatchPoolResourceTest extends MoneyTestBase {

    @Inject
    MatchPoolHandler handler;

    private static final String POOL = """
            {"sponsor": "Chengdu Tianfu Foundation", "ratio": 1.0, "pool": {"amount": 50000000, "currency": "CNY"},
             "perDonorCap": {"amount": 100000, "currency": "CNY"}, "minGift": {"amount": 1000, "currency": "CNY"},
             "endsAt": "%s"}""";

    private static String pool(Instant endsAt) {
        return POOL.formatted(endsAt);
    }

    private static Instant nextWeek() {
        return Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void a_coordinator_opens_a_match_pool_that_anyone_can_read() {
        UUID campaignId = campaign();
        Instant endsAt = nextWeek();
        var created = as(coordinator).header("Idempotency-Key", "open-" + campaignId).body(pool(endsAt))
                .post("/api/v1/campaigns/" + campaignId + "/match-pools").then().statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .body("remaining.amount", equalTo(50_000_000))
                .body("remaining.currency", equalTo("CNY"))
                .body("status", equalTo("OPEN"))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/match-pools/" + id);

        var read = given().get("/api/v1/match-pools/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("id", equalTo(id))
                .body("campaignId", equalTo(campaignId.toString()))
                .body("sponsor", equalTo("Chengdu Tianfu Foundation"))
                .body("ratio", equalTo(1.0f))
                .body("pool.amount", equalTo(50_000_000))
                .body("remaining.amount", equalTo(50_000_000))
                .body("matched.amount", equalTo(0))
                .body("perDonorCap.amount", equalTo(100_000))
                .body("minGift.amount", equalTo(1_000))
                .body("endsAt", equalTo(endsAt.toString()))
                .body("status", equalTo("OPEN"))
                .body("version", equalTo(1))
                .extract();
        // Public: the pool's terms and totals, nothing about who gave.
        assertThat(read.jsonPath().getMap("$")).containsOnlyKeys("id", "campaignId", "sponsor", "ratio", "pool",
                "remaining", "matched", "perDonorCap", "minGift", "endsAt", "status", "openedAt", "updatedAt",
                "version");
        assertThat(events(id, "MatchPoolOpened")).isEqualTo(1);
        assertThat(query("SELECT stream_type FROM events WHERE stream_id = $1", id).iterator().next()
                .getString("stream_type")).isEqualTo("match-pool");
    }

    @Test
    void a_pool_opened_before_its_campaign_reached_donations_waits_for_it() {
        UUID campaignId = UUID.randomUUID();
        CompletableFuture<Void> opened = openLater(campaignId);
        assertThat(known(campaignId)).isFalse();

        String id = openPool(campaignId, "1.0", 10_000, null);

        opened.join();
        given().get("/api/v1/match-pools/" + id).then().statusCode(200)
                .body("campaignId", equalTo(campaignId.toString())).body("status", equalTo("OPEN"));
    }

    @Test
    void a_retried_opening_opens_one_pool() {
        UUID campaignId = campaign();
        String key = "open-once-" + campaignId;
        String body = pool(nextWeek());
        String first = as(coordinator).header("Idempotency-Key", key).body(body)
                .post("/api/v1/campaigns/" + campaignId + "/match-pools").then().statusCode(201).extract().path("id");
        as(coordinator).header("Idempotency-Key", key).body(body)
                .post("/api/v1/campaigns/" + campaignId + "/match-pools").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertThat(count("SELECT count(*) FROM match_pools WHERE campaign_id = $1", campaignId)).isEqualTo(1);
    }

    @Test
    void invalid_pools_name_their_fields() {
        UUID campaignId = campaign();
        String path = "/api/v1/campaigns/" + campaignId + "/match-pools";
        as(coordinator).body("""
                        {"sponsor": "", "ratio": 0, "pool": {"amount": 0, "currency": "cny"}}""")
                .post(path).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("sponsor", "ratio", "pool.amount", "pool.currency"));
        as(coordinator).body("""
                        {"sponsor": "S", "ratio": 1.23456, "pool": {"amount": 100, "currency": "CNY"},
                         "perDonorCap": {"amount": 10, "currency": "USD"}, "minGift": {"amount": 5, "currency": "EUR"}}""")
                .post(path).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("ratio", "perDonorCap.currency", "minGift.currency"));
        as(coordinator).body("{\"sponsor\": \"S\"}").post(path).then().statusCode(400)
                .body("errors.field", hasItems("ratio", "pool"));
        as(coordinator).body(pool(Instant.parse("2020-01-01T00:00:00Z"))).post(path).then().statusCode(422)
                .contentType(PROBLEM).body("type", endsWith("/ends-at-in-past"));
        assertThat(count("SELECT count(*) FROM match_pools WHERE campaign_id = $1", campaignId)).isZero();
    }

    @Test
    void only_the_campaigns_coordinators_and_admins_open_pools() {
        UUID campaignId = campaign();
        String path = "/api/v1/campaigns/" + campaignId + "/match-pools";
        given().contentType(ContentType.JSON).body(pool(nextWeek())).post(path).then().statusCode(401);
        as(otherCoordinator).body(pool(nextWeek())).post(path).then().statusCode(403).contentType(PROBLEM);
        as(donor).body(pool(nextWeek())).post(path).then().statusCode(403);
        as(coordinator).body(pool(nextWeek())).post("/api/v1/campaigns/" + UUID.randomUUID() + "/match-pools")
                .then().statusCode(404).contentType(PROBLEM);
        as(admin).body(pool(nextWeek())).post(path).then().statusCode(201);
        given().get("/api/v1/match-pools/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void a_closed_campaign_takes_no_pool_and_no_donation_and_its_pools_close() {
        UUID campaignId = campaign();
        String poolId = openPool(campaignId, "1.0", 10_000, null);
        closeCampaign(campaignId);

        as(coordinator).body(pool(nextWeek())).post("/api/v1/campaigns/" + campaignId + "/match-pools").then()
                .statusCode(422).contentType(PROBLEM).body("type", endsWith("/campaign-closed"));
        donate(donor, campaignId, 500, null).statusCode(422).body("type", endsWith("/campaign-closed"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            handler.closeDue(Instant.now()).await().atMost(Duration.ofSeconds(10));
            given().get("/api/v1/match-pools/" + poolId).then().statusCode(200)
                    .body("status", equalTo("CLOSED")).body("closedReason", equalTo("CLOSED"))
                    .body("remaining.amount", equalTo(10_000));
        });
    }

    @Test
    void a_coordinator_closes_a_pool_with_the_version_they_saw() {
        UUID campaignId = campaign();
        String poolId = openPool(campaignId, "2.0", 10_000, null);
        as(otherCoordinator).post("/api/v1/match-pools/" + poolId + "/close").then().statusCode(403);
        as(coordinator).header("If-Match", "\"7\"").post("/api/v1/match-pools/" + poolId + "/close").then()
                .statusCode(409).contentType(PROBLEM);
        as(coordinator).header("If-Match", "\"1\"").post("/api/v1/match-pools/" + poolId + "/close").then()
                .statusCode(200).header("ETag", equalTo("\"2\"")).body("status", equalTo("CLOSED"))
                .body("closedReason", equalTo("CLOSED"));
        donate(donor, campaignId, 500, null).statusCode(201).body("matched.amount", equalTo(0));
    }

    @Test
    void the_directory_reads_the_golden_sample_of_campaign_opened() throws Exception {
        CampaignOpened sample = ContractJson.mapper().readValue(GoldenSamples.json(CampaignOpened.TYPE),
                CampaignOpened.class);
        UUID campaignId = UUID.randomUUID();
        String json = GoldenSamples.json(CampaignOpened.TYPE).replace(sample.campaignId().toString(),
                campaignId.toString());
        CloudEventRecords.send(bootstrap(), List.of(CloudEventRecords.record(Topics.CAMPAIGNS, CampaignOpened.TYPE,
                campaignId.toString(), 1, json)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM campaign_directory WHERE campaign_id = $1 AND organisation_id = $2"
                        + " AND status = 'ACTIVE'", campaignId, sample.organisationId()) == 1);
    }

    @Test
    void anyone_lists_a_campaigns_pools_newest_first_page_by_page_as_each_pool_reads() {
        UUID campaignId = campaign();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(openPool(campaignId, "1.0", 1_000L * i, null));
        }
        openPool(campaign(), "1.0", 5_000, null);
        as(coordinator).post("/api/v1/match-pools/" + ids.get(0) + "/close").then().statusCode(200);
        String path = "/api/v1/campaigns/" + campaignId + "/match-pools";

        var first = given().header("X-Request-Id", "pools-" + campaignId).get(path + "?limit=2").then()
                .statusCode(200).header("X-Request-Id", "pools-" + campaignId)
                .body("items.id", equalTo(List.of(ids.get(2), ids.get(1))))
                .body("nextCursor", notNullValue()).extract();
        var second = given().get(path + "?limit=2&cursor=" + first.path("nextCursor")).then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(0)))).body("nextCursor", nullValue()).extract();
        // Each item is the pool exactly as GET /api/v1/match-pools/{id} shows it.
        assertThat(second.jsonPath().getMap("items[0]")).isEqualTo(
                given().get("/api/v1/match-pools/" + ids.get(0)).then().statusCode(200).extract().jsonPath().getMap("$"));
        assertThat(first.jsonPath().getMap("items[0]")).isEqualTo(
                given().get("/api/v1/match-pools/" + ids.get(2)).then().statusCode(200).extract().jsonPath().getMap("$"));

        given().get(path).then().statusCode(200).body("items.id", equalTo(List.of(ids.get(2), ids.get(1), ids.get(0))))
                .body("nextCursor", nullValue());
        given().get(path + "?status=OPEN").then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(2), ids.get(1))));
        given().get(path + "?status=CLOSED").then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(0)))).body("items[0].closedReason", equalTo("CLOSED"));
        given().get(path + "?status=EXHAUSTED").then().statusCode(200).body("items", equalTo(List.of()));
    }

    @Test
    void listing_pools_refuses_bad_paging_and_filters_and_an_unknown_campaign() {
        UUID campaignId = campaign();
        String path = "/api/v1/campaigns/" + campaignId + "/match-pools";

        given().get(path + "?limit=0").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItems("limit"));
        given().get(path + "?limit=201").then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItems("limit"));
        given().get(path + "?cursor=nonsense").then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("The cursor is not one this API gave."));
        given().get(path + "?status=open").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("status"));
        given().get(path + "?status=NONE").then().statusCode(400).contentType(PROBLEM);
        given().get(path + "?limit=200").then().statusCode(200).body("items", equalTo(List.of()))
                .body("nextCursor", nullValue());
        // Like POST: a campaign donations-service has not heard of (after a short wait) is a 404.
        given().get("/api/v1/campaigns/" + UUID.randomUUID() + "/match-pools").then().statusCode(404)
                .contentType(PROBLEM);
    }
}
