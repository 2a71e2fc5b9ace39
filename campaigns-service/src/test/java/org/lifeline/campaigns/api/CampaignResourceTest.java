package org.lifeline.campaigns.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "campaigns"),
        @ResourceArg(name = "kafka", value = "true")})
class CampaignResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final UUID org = UUID.randomUUID();
    private final String coordinator = TestTokens.coordinator(UUID.randomUUID(), org);

    private static String campaignBody(UUID org) {
        return """
                {"organisationId": "%s", "title": "Sichuan earthquake", "kind": "EARTHQUAKE", "region": "Sichuan",
                 "location": {"lat": 30.66, "lon": 104.06}, "description": "Shelter for Wenchuan",
                 "glide": "EQ-2026-000123-CHN"}""".formatted(org);
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private String open() {
        return as(coordinator).body(campaignBody(org)).post("/api/v1/campaigns")
                .then().statusCode(201).extract().path("id");
    }

    private ValidatableResponse post(String token, String campaignId, String body) {
        return as(token).body(body).post("/api/v1/campaigns/" + campaignId + "/posts").then();
    }

    @Test
    void a_coordinator_opens_a_campaign_that_anyone_can_read_and_list() {
        var created = as(coordinator).body(campaignBody(org)).post("/api/v1/campaigns").then().statusCode(201)
                .body("organisationId", equalTo(org.toString()))
                .body("title", equalTo("Sichuan earthquake"))
                .body("kind", equalTo("EARTHQUAKE"))
                .body("region", equalTo("Sichuan"))
                .body("location.lat", equalTo(30.66f))
                .body("location.lon", equalTo(104.06f))
                .body("description", equalTo("Shelter for Wenchuan"))
                .body("glide", equalTo("EQ-2026-000123-CHN"))
                .body("status", equalTo("ACTIVE"))
                .body("version", equalTo(1))
                .body("openedAt", notNullValue())
                .body("updatedAt", notNullValue())
                .header("ETag", equalTo("\"1\""))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/campaigns/" + id);

        given().get("/api/v1/campaigns/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("id", equalTo(id))
                .body("status", equalTo("ACTIVE"))
                .body("openedAt", equalTo(created.path("openedAt")))
                .body("version", equalTo(1));

        given().queryParam("status", "ACTIVE").queryParam("limit", 200).get("/api/v1/campaigns").then()
                .statusCode(200)
                .body("items.id", hasItems(id));
    }

    @Test
    void behind_the_gateway_links_point_at_the_host_the_client_called_and_carry_no_extra_fields() {
        var created = as(coordinator).header("X-Forwarded-Host", "gateway.example:8080")
                .header("X-Forwarded-Proto", "https")
                .body(campaignBody(org)).post("/api/v1/campaigns").then().statusCode(201).extract();

        assertThat(created.header("Location"))
                .isEqualTo("https://gateway.example:8080/api/v1/campaigns/" + created.path("id"));
        assertThat(created.jsonPath().getMap("location")).containsOnlyKeys("lat", "lon");
    }

    @Test
    void lists_page_newest_first_with_an_opaque_cursor() {
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            opened.add(open());
        }
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/campaigns").then().statusCode(200).extract();
            List<String> ids = page.path("items.id");
            assertThat(ids.size()).isLessThanOrEqualTo(2);
            for (String id : ids) {
                assertThat(seen.add(id)).as("no campaign twice").isTrue();
                order.add(id);
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(order).containsSubsequence(opened.reversed());

        given().queryParam("cursor", "not-a-cursor").get("/api/v1/campaigns").then().statusCode(400)
                .contentType(PROBLEM);
        given().queryParam("limit", 0).get("/api/v1/campaigns").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItems("limit"));
    }

    @Test
    void the_list_filters_by_organisation_and_status_together_page_by_page() {
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ours.add(open());
        }
        UUID otherOrg = UUID.randomUUID();
        String theirs = as(TestTokens.coordinator(UUID.randomUUID(), otherOrg)).body(campaignBody(otherOrg))
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
        as(coordinator).post("/api/v1/campaigns/" + ours.get(1) + "/close").then().statusCode(200);

        var first = given().queryParam("organisationId", org.toString()).queryParam("limit", 2)
                .get("/api/v1/campaigns").then().statusCode(200)
                .body("items.id", equalTo(List.of(ours.get(2), ours.get(1))))
                .body("items.organisationId", equalTo(List.of(org.toString(), org.toString())))
                .body("nextCursor", notNullValue()).extract();
        given().queryParam("organisationId", org.toString()).queryParam("limit", 2)
                .queryParam("cursor", first.<String>path("nextCursor")).get("/api/v1/campaigns").then().statusCode(200)
                .body("items.id", equalTo(List.of(ours.get(0)))).body("nextCursor", nullValue());
        given().queryParam("organisationId", org.toString()).queryParam("status", "ACTIVE")
                .get("/api/v1/campaigns").then().statusCode(200)
                .body("items.id", equalTo(List.of(ours.get(2), ours.get(0))));
        given().queryParam("organisationId", org.toString()).queryParam("status", "CLOSED")
                .get("/api/v1/campaigns").then().statusCode(200).body("items.id", equalTo(List.of(ours.get(1))));
        given().queryParam("organisationId", otherOrg.toString()).get("/api/v1/campaigns").then().statusCode(200)
                .body("items.id", equalTo(List.of(theirs)));
        given().queryParam("organisationId", UUID.randomUUID().toString()).get("/api/v1/campaigns").then()
                .statusCode(200).body("items", equalTo(List.of())).body("nextCursor", nullValue());

        given().queryParam("organisationId", "not-a-uuid").get("/api/v1/campaigns").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItems("organisationId"));
    }

    @Test
    void a_coordinator_publishes_a_post() {
        String id = open();
        var created = post(coordinator, id, """
                {"text": "Roads to Wenchuan reopened", "location": {"lat": 31.0, "lon": 103.5},
                 "mediaUrls": ["https://img.example.org/road.jpg"]}""")
                .statusCode(201)
                .body("id", notNullValue())
                .body("campaignId", equalTo(id))
                .body("text", equalTo("Roads to Wenchuan reopened"))
                .body("location.lat", equalTo(31.0f))
                .body("mediaUrls", equalTo(List.of("https://img.example.org/road.jpg")))
                .body("publishedAt", notNullValue())
                .extract();
        assertThat(created.header("Location")).endsWith("/posts/" + created.path("id"));
        post(coordinator, id, "{\"text\": \"No photos yet\"}").statusCode(201)
                .body("location", nullValue()).body("mediaUrls", equalTo(List.of()));

        given().get("/api/v1/campaigns/" + id).then().statusCode(200).body("version", equalTo(3))
                .header("ETag", equalTo("\"3\""));
        assertThat(count("SELECT count(*) FROM posts WHERE campaign_id = $1", UUID.fromString(id))).isEqualTo(2);
    }

    @Test
    void a_closed_campaign_takes_no_post() {
        String id = open();
        as(coordinator).post("/api/v1/campaigns/" + id + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("version", equalTo(2)).header("ETag", equalTo("\"2\""));
        given().get("/api/v1/campaigns/" + id).then().body("status", equalTo("CLOSED"));
        given().queryParam("status", "ACTIVE").queryParam("limit", 200).get("/api/v1/campaigns").then()
                .body("items.id", not(hasItems(id)));

        post(coordinator, id, "{\"text\": \"Too late\"}").statusCode(422).contentType(PROBLEM)
                .body("status", equalTo(422))
                .body("type", endsWith("campaign-closed"))
                .body("detail", containsString("CLOSED"));

        // Closing again changes nothing.
        as(coordinator).post("/api/v1/campaigns/" + id + "/close").then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    void the_campaign_as_it_stood_before_it_closed() {
        String id = open();
        as(coordinator).post("/api/v1/campaigns/" + id + "/close").then().statusCode(200);

        Instant beforeClose = StoredEvents.firstRecorded(pool, id);
        given().queryParam("asOf", beforeClose.toString()).get("/api/v1/campaigns/" + id).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("version", equalTo(1)).header("ETag", equalTo("\"1\""));
        given().queryParam("asOf", "2000-01-01T00:00:00Z").get("/api/v1/campaigns/" + id).then().statusCode(404);
        given().queryParam("asOf", "yesterday").get("/api/v1/campaigns/" + id).then().statusCode(400);
    }

    @Test
    void unknown_campaigns_are_404() {
        UUID unknown = UUID.randomUUID();
        given().get("/api/v1/campaigns/" + unknown).then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404));
        post(coordinator, unknown.toString(), "{\"text\": \"Hello\"}").statusCode(404).contentType(PROBLEM);
        as(coordinator).post("/api/v1/campaigns/" + unknown + "/close").then().statusCode(404);
    }

    @Test
    void who_may_open_a_campaign() {
        given().contentType(ContentType.JSON).body(campaignBody(org)).post("/api/v1/campaigns").then()
                .statusCode(401).contentType(PROBLEM);
        as(TestTokens.donor(UUID.randomUUID())).body(campaignBody(org)).post("/api/v1/campaigns").then()
                .statusCode(403).contentType(PROBLEM);
        as(TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID())).body(campaignBody(org))
                .post("/api/v1/campaigns").then().statusCode(403);
        as(coordinator).body(campaignBody(org)).post("/api/v1/campaigns").then().statusCode(201);
        as(TestTokens.admin(UUID.randomUUID())).body(campaignBody(org)).post("/api/v1/campaigns").then()
                .statusCode(201).body("organisationId", equalTo(org.toString()));
    }

    @Test
    void who_may_post_to_and_close_a_campaign() {
        String id = open();
        String text = "{\"text\": \"Update\"}";
        given().contentType(ContentType.JSON).body(text).post("/api/v1/campaigns/" + id + "/posts").then()
                .statusCode(401);
        post(TestTokens.donor(UUID.randomUUID()), id, text).statusCode(403);
        post(TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID()), id, text).statusCode(403);
        post(coordinator, id, text).statusCode(201);
        post(TestTokens.admin(UUID.randomUUID()), id, text).statusCode(201);

        given().post("/api/v1/campaigns/" + id + "/close").then().statusCode(401);
        as(TestTokens.donor(UUID.randomUUID())).post("/api/v1/campaigns/" + id + "/close").then().statusCode(403);
        as(TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID())).post("/api/v1/campaigns/" + id + "/close")
                .then().statusCode(403);
        as(TestTokens.admin(UUID.randomUUID())).post("/api/v1/campaigns/" + id + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1", id)).isEqualTo(4);
    }

    @Test
    void invalid_campaigns_name_their_fields() {
        as(coordinator).body("""
                {"organisationId": "%s", "title": "", "kind": "EARTHQUAKE", "region": "Sichuan",
                 "location": {"lat": 91, "lon": 104.06}, "glide": "EQ-26-1-CHN"}""".formatted(org))
                .post("/api/v1/campaigns").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("title", "location.lat", "glide"));
        as(coordinator).body("{\"title\": \"x\"}").post("/api/v1/campaigns").then().statusCode(400)
                .body("errors.field", hasItems("organisationId", "kind", "region", "location"));
        as(coordinator).body(campaignBody(org).replace("EARTHQUAKE", "METEOR")).post("/api/v1/campaigns").then()
                .statusCode(400).body("errors.field", hasItems("kind"));
    }

    @Test
    void invalid_posts_name_their_fields() {
        String id = open();
        String eleven = String.join(",", Collections.nCopies(11, "\"https://img.example.org/a.jpg\""));
        post(coordinator, id, "{\"text\": \"\", \"mediaUrls\": [" + eleven + "]}").statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItems("text", "mediaUrls"));
        post(coordinator, id, "{\"text\": \"" + "x".repeat(5001) + "\", \"mediaUrls\": [\"http://a.org/x.jpg\"],"
                + " \"location\": {\"lat\": 0, \"lon\": 200}}").statusCode(400)
                .body("errors.field", hasItems("text", "mediaUrls[0]", "location.lon"));
    }

    @Test
    void a_retried_open_returns_the_first_answer_and_opens_one_campaign() {
        String key = "open-" + UUID.randomUUID();
        var first = as(coordinator).header("Idempotency-Key", key).body(campaignBody(org)).post("/api/v1/campaigns")
                .then().statusCode(201).extract();
        var again = as(coordinator).header("Idempotency-Key", key).body(campaignBody(org)).post("/api/v1/campaigns")
                .then().statusCode(201).extract();
        assertThat(again.body().asString()).isEqualTo(first.body().asString());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(count("SELECT count(*) FROM events WHERE idempotency_key = $1", key)).isEqualTo(1);

        as(coordinator).header("Idempotency-Key", key).body(campaignBody(org).replace("Sichuan earthquake", "Other"))
                .post("/api/v1/campaigns").then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void a_retried_post_is_published_once() {
        String id = open();
        String key = "post-" + UUID.randomUUID();
        String first = as(coordinator).header("Idempotency-Key", key).body("{\"text\": \"Water arrived\"}")
                .post("/api/v1/campaigns/" + id + "/posts").then().statusCode(201).extract().path("id");
        String again = as(coordinator).header("Idempotency-Key", key).body("{\"text\": \"Water arrived\"}")
                .post("/api/v1/campaigns/" + id + "/posts").then().statusCode(201).extract().path("id");
        assertThat(again).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM posts WHERE campaign_id = $1", UUID.fromString(id))).isEqualTo(1);
    }

    @Test
    void closing_with_a_stale_if_match_is_a_conflict() {
        String id = open();
        post(coordinator, id, "{\"text\": \"Update\"}").statusCode(201);
        as(coordinator).header("If-Match", "\"1\"").post("/api/v1/campaigns/" + id + "/close").then()
                .statusCode(409).contentType(PROBLEM);
        given().get("/api/v1/campaigns/" + id).then().body("status", equalTo("ACTIVE"));
        as(coordinator).header("If-Match", "\"2\"").post("/api/v1/campaigns/" + id + "/close").then()
                .statusCode(200).body("status", equalTo("CLOSED")).body("version", equalTo(3));
    }

    @Test
    void an_opened_campaign_is_published_to_the_campaigns_topic() {
        String id = open();
        ConsumerRecord<String, String> record = CampaignsTopic.firstRecordWithKey(bootstrap, id);
        assertThat(CampaignsTopic.header(record, "ce_type")).isEqualTo("org.lifeline.campaign.CampaignOpened.v1");
        assertThat(CampaignsTopic.header(record, "ce_subject")).isEqualTo(id);
        assertThat(record.value()).contains("\"campaignId\":\"" + id + "\"").contains("\"kind\":\"EARTHQUAKE\"");
    }

    private long count(String sql, Object parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }


}
