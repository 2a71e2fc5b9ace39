package org.lifeline.feed.webhook;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "feed"),
        @ResourceArg(name = "kafka", value = "true")})
class WebhookResourceTest {

    private static final String PATH = "/api/v1/partners/me/webhooks";
    private static final String PROBLEM = "application/problem+json";
    private static final String SECRET = "s3cr3t-0123456789-abcdef";

    private static WebhookReceiver receiver;

    @Inject
    Pool pool;

    @Inject
    WebhooksConfig config;

    private final UUID partner = UUID.randomUUID();
    private final String token = PartnerTokens.webhookManager(partner);
    private final UUID otherPartner = UUID.randomUUID();

    @BeforeAll
    static void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @AfterEach
    void deleteWebhooks() {
        pool.preparedQuery("WITH gone AS (DELETE FROM webhook_subscriptions WHERE partner_id = ANY($1) RETURNING id)"
                        + " SELECT pg_notify('lifeline_webhooks', id::text) FROM gone")
                .execute(Tuple.of(new UUID[] {partner, otherPartner}))
                .await().atMost(Duration.ofSeconds(10));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String body(String url, String eventTypes, String secret) {
        return """
                {"url": "%s", "eventTypes": %s, "secret": "%s"}""".formatted(url, eventTypes, secret);
    }

    private String subscribe(String token) {
        return as(token).body(body(receiver.endpoint().url, "[\"need.*\"]", SECRET)).post(PATH)
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void a_partner_subscribes_and_reads_its_webhook_but_never_its_secret() {
        String url = receiver.endpoint().url;
        var created = as(token).body(body(url, "[\"need.*\", \"pledge.PledgeReserved\", \"need.*\"]", SECRET))
                .post(PATH).then().statusCode(201)
                .body("url", equalTo(url))
                .body("eventTypes", equalTo(List.of("need.*", "pledge.PledgeReserved")))
                .body("createdAt", notNullValue())
                .body("position", notNullValue())
                .body("secret", nullValue())
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith(PATH + "/" + id);
        assertThat(created.asString()).doesNotContain(SECRET);

        var read = as(token).get(PATH + "/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("url", equalTo(url))
                .body("createdAt", equalTo(created.path("createdAt")))
                .extract().asString();
        assertThat(read).doesNotContain(SECRET);
        as(token).get(PATH).then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void the_list_pages_with_a_cursor() {
        List<String> ids = List.of(subscribe(token), subscribe(token), subscribe(token));

        var first = as(token).queryParam("limit", 2).get(PATH).then().statusCode(200)
                .body("items", hasSize(2)).body("nextCursor", notNullValue()).extract();
        var second = as(token).queryParam("limit", 2).queryParam("cursor", (String) first.path("nextCursor")).get(PATH)
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue()).extract();

        List<String> listed = new java.util.ArrayList<>(first.jsonPath().getList("items.id", String.class));
        listed.addAll(second.jsonPath().getList("items.id", String.class));
        assertThat(listed).containsExactlyElementsOf(ids);
        as(token).queryParam("cursor", "not-ours").get(PATH).then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void another_partners_webhook_is_not_found() {
        String id = subscribe(token);
        String other = PartnerTokens.webhookManager(UUID.randomUUID());

        as(other).get(PATH + "/" + id).then().statusCode(404).contentType(PROBLEM);
        as(other).get(PATH + "/" + id + "/dead-letters").then().statusCode(404).contentType(PROBLEM);
        as(other).body("{\"fromPosition\": 1}").post(PATH + "/" + id + "/redeliver").then().statusCode(404);
        as(other).delete(PATH + "/" + id).then().statusCode(404).contentType(PROBLEM);
        as(other).get(PATH).then().statusCode(200).body("items", empty());
        as(token).get(PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void only_partners_with_webhooks_manage_may_use_webhooks() {
        String id = subscribe(token);
        String readOnly = PartnerTokens.partner(partner, "feed:read");
        String donor = TestTokens.donor(UUID.randomUUID());
        String valid = body(receiver.endpoint().url, "[\"need.*\"]", SECRET);

        as(readOnly).body(valid).post(PATH).then().statusCode(403).contentType(PROBLEM);
        as(readOnly).get(PATH + "/" + id).then().statusCode(403).contentType(PROBLEM);
        as(donor).body(valid).post(PATH).then().statusCode(403).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(valid).post(PATH).then().statusCode(401).contentType(PROBLEM);
        given().get(PATH).then().statusCode(401);
        as(token).get(PATH).then().body("items", hasSize(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"url\": \"ftp://127.0.0.1/hook\", \"eventTypes\": [\"need.*\"], \"secret\": \"0123456789abcdef\"}",
            "{\"url\": \"not a url\", \"eventTypes\": [\"need.*\"], \"secret\": \"0123456789abcdef\"}",
            "{\"url\": \"http://user:pw@127.0.0.1/hook\", \"eventTypes\": [\"need.*\"], \"secret\": \"0123456789abcdef\"}",
            "{\"url\": \"http://10.1.2.3/hook\", \"eventTypes\": [\"need.*\"], \"secret\": \"0123456789abcdef\"}",
            "{\"url\": \"http://192.168.0.10/hook\", \"eventTypes\": [\"need.*\"], \"secret\": \"0123456789abcdef\"}",
            "{\"url\": \"http://169.254.169.254/latest/meta-data\", \"eventTypes\": [\"need.*\"], \"secret\": \"0123456789abcdef\"}",
            "{\"url\": \"http://[fd00::1]/hook\", \"eventTypes\": [\"need.*\"], \"secret\": \"0123456789abcdef\"}",
            "{\"url\": \"http://0.0.0.0:8083/hook\", \"eventTypes\": [\"need.*\"], \"secret\": \"0123456789abcdef\"}",
            "{\"url\": \"http://127.0.0.1/hook\", \"eventTypes\": [], \"secret\": \"0123456789abcdef\"}",
            "{\"url\": \"http://127.0.0.1/hook\", \"eventTypes\": [\"offer.*\"], \"secret\": \"0123456789abcdef\"}",
            "{\"url\": \"http://127.0.0.1/hook\", \"eventTypes\": [\"need\"], \"secret\": \"0123456789abcdef\"}",
            "{\"url\": \"http://127.0.0.1/hook\", \"eventTypes\": [\"need.needPosted\"], \"secret\": \"0123456789abcdef\"}",
            "{\"url\": \"http://127.0.0.1/hook\", \"eventTypes\": [\"need.*\"], \"secret\": \"0123456789abcde\"}",
            "{\"url\": \"http://127.0.0.1/hook\", \"eventTypes\": [\"need.*\"]}",
            "{\"url\": \"http://127.0.0.1/hook\", \"eventTypes\": [\"need.*\"], \"secret\": \"0123456789abcdef\", \"fromPosition\": 0}"})
    void invalid_subscriptions_are_refused_with_400_and_change_nothing(String invalid) {
        as(token).body(invalid).post(PATH).then().statusCode(400).contentType(PROBLEM)
                .body("errors", not(empty()));
        as(token).get(PATH).then().statusCode(200).body("items", empty());
    }

    @Test
    void the_same_idempotency_key_answers_as_before_and_another_body_with_it_conflicts() {
        String url = receiver.endpoint().url;
        String first = as(token).header("Idempotency-Key", "subscribe-1").body(body(url, "[\"need.*\"]", SECRET))
                .post(PATH).then().statusCode(201).extract().path("id");
        var again = as(token).header("Idempotency-Key", "subscribe-1").body(body(url, "[\"need.*\"]", SECRET))
                .post(PATH).then().statusCode(201).header("Idempotent-Replayed", "true").extract();
        assertThat((String) again.path("id")).isEqualTo(first);
        assertThat(again.header("Location")).endsWith(PATH + "/" + first);

        as(token).header("Idempotency-Key", "subscribe-1").body(body(url, "[\"post.*\"]", SECRET))
                .post(PATH).then().statusCode(409).contentType(PROBLEM);
        as(token).get(PATH).then().body("items", hasSize(1));
    }

    private long held(UUID partnerId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM webhook_subscriptions WHERE partner_id = $1")
                .execute(Tuple.of(partnerId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }

    @Test
    void a_partner_holds_at_most_the_configured_number_of_webhooks_and_a_deleted_one_frees_a_slot() {
        int limit = config.maxPerPartner();
        assertThat(limit).as("lifeline.feed.webhooks.max-per-partner, by default").isEqualTo(10);
        String valid = body(receiver.endpoint().url, "[\"need.*\"]", SECRET);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < limit - 1; i++) {
            ids.add(subscribe(token));
        }
        String last = as(token).header("Idempotency-Key", "the-last-one").body(valid).post(PATH).then()
                .statusCode(201).extract().path("id");

        as(token).body(valid).post(PATH).then().statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/too-many-webhooks"))
                .body("detail", containsString("at most " + limit))
                .body("limit", equalTo(limit));
        assertThat(held(partner)).as("nothing created beyond the limit").isEqualTo(limit);
        // A replay of a creation that was within the limit answers as it did.
        as(token).header("Idempotency-Key", "the-last-one").body(valid).post(PATH).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(last));
        // The limit is each partner's own.
        as(PartnerTokens.webhookManager(otherPartner)).body(valid).post(PATH).then().statusCode(201);

        as(token).delete(PATH + "/" + ids.getFirst()).then().statusCode(204);
        subscribe(token);
        as(token).body(valid).post(PATH).then().statusCode(409);
        assertThat(held(partner)).isEqualTo(limit);
    }

    @Test
    void racing_creations_at_the_limit_never_pass_together() throws Exception {
        int limit = config.maxPerPartner();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            ids.add(subscribe(token));
        }
        HttpClient http = HttpClient.newHttpClient();
        String valid = body(receiver.endpoint().url, "[\"need.*\"]", SECRET);
        // Each round frees one slot, then several creations race for it: one wins, the others are refused.
        for (int round = 0; round < 3; round++) {
            as(token).delete(PATH + "/" + ids.removeFirst()).then().statusCode(204);
            List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                racing.add(http.sendAsync(HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + RestAssured.port + PATH))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString(valid)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> creation : racing) {
                HttpResponse<String> response = creation.get(60, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                if (response.statusCode() == 201) {
                    ids.add(JsonPath.from(response.body()).getString("id"));
                } else {
                    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
                }
            }
            assertThat(statuses).as("round %d", round).containsOnly(201, 409).containsOnlyOnce(201);
            assertThat(held(partner)).isEqualTo(limit);
        }
    }

    @Test
    void redelivery_needs_a_position_and_an_existing_webhook() {
        String id = subscribe(token);
        as(token).body("{}").post(PATH + "/" + id + "/redeliver").then().statusCode(400).contentType(PROBLEM);
        as(token).body("{\"fromPosition\": 0}").post(PATH + "/" + id + "/redeliver").then().statusCode(400);
        as(token).body("{\"fromPosition\": 1}").post(PATH + "/" + UUID.randomUUID() + "/redeliver").then()
                .statusCode(404);
        as(token).body("{\"fromPosition\": 1}").post(PATH + "/" + id + "/redeliver").then().statusCode(202)
                .body("id", equalTo(id)).body("position", equalTo(0));
    }

    @Test
    void a_deleted_webhook_is_gone() {
        String id = subscribe(token);
        as(token).delete(PATH + "/" + id).then().statusCode(204);
        as(token).get(PATH + "/" + id).then().statusCode(404);
        as(token).delete(PATH + "/" + id).then().statusCode(404);
        as(token).get(PATH + "/" + id + "/dead-letters").then().statusCode(404);
    }
}
