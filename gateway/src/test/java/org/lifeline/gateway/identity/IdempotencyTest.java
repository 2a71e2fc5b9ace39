package org.lifeline.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lifeline.testing.LifelineTestResource;

/** {@code Idempotency-Key} on the gateway's own writes, against a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "gateway"),
        @ResourceArg(name = "kafka", value = "false")})
class IdempotencyTest {

    private static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    Pool pool;

    @Test
    void a_registration_retried_with_its_key_answers_the_first_response_and_creates_one_account() {
        String email = uniqueEmail("Retry");
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = register(key, email, "retried password", "Rita").statusCode(201)
                .header(REPLAYED, nullValue()).extract();
        ExtractableResponse<Response> second = register(key, email, "retried password", "Rita").statusCode(201)
                .header(REPLAYED, "true").extract();

        assertThat(second.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(second.header("Location")).isEqualTo(first.header("Location")).endsWith(first.<String>path("id"));
        assertThat(count("SELECT count(*) FROM accounts WHERE lower(email) = lower($1)", email)).isEqualTo(1);
    }

    @Test
    void the_same_key_with_another_body_is_a_conflict_and_creates_nothing() {
        String email = uniqueEmail("First");
        String key = UUID.randomUUID().toString();
        register(key, email, "first password", "First").statusCode(201);

        String other = uniqueEmail("Other");
        register(key, other, "first password", "First").statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Idempotency key reused"));
        // The password is not in the request hash (only its Argon2 hash is kept), but it is checked.
        register(key, email, "another password", "First").statusCode(409)
                .contentType("application/problem+json");
        assertThat(count("SELECT count(*) FROM accounts WHERE lower(email) = lower($1)", other)).isZero();
        // Keys belong to their caller: the admin's key of the same name is another key.
        given().auth().oauth2(adminToken()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", "Org " + UUID.randomUUID())).post("/api/v1/organisations")
                .then().statusCode(201).header(REPLAYED, nullValue());
    }

    @Test
    void a_malformed_key_is_a_400_naming_the_header() {
        String email = uniqueEmail("Bad");
        for (String key : List.of("", "k".repeat(201), "tab\tkey")) {
            register(key, email, "a good password", "Bad").statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItems("Idempotency-Key"));
        }
        assertThat(count("SELECT count(*) FROM accounts WHERE lower(email) = lower($1)", email)).isZero();
        register("k".repeat(200), email, "a good password", "Bad").statusCode(201);
    }

    @Test
    void an_organisation_created_again_with_its_key_is_the_same_one() {
        String admin = adminToken();
        String name = "Idempotent org " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post("/api/v1/organisations")
                .then().statusCode(201).header(REPLAYED, nullValue()).body("name", equalTo(name))
                .extract().path("id");
        String second = given().auth().oauth2(admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post("/api/v1/organisations")
                .then().statusCode(201).header(REPLAYED, "true").body("name", equalTo(name))
                .extract().path("id");

        assertThat(second).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM organisations WHERE name = $1", name)).isEqualTo(1);
        given().auth().oauth2(admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("name", name + " (renamed)")).post("/api/v1/organisations")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void a_coordinator_grant_retried_with_its_key_is_replayed() {
        String admin = adminToken();
        String organisationId = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Grant org")).post("/api/v1/organisations")
                .then().statusCode(201).extract().path("id");
        String email = uniqueEmail("Grant");
        register(null, email, "granted password", "Gus").statusCode(201);
        String key = UUID.randomUUID().toString();

        String first = given().auth().oauth2(admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("email", email)).post("/api/v1/organisations/" + organisationId + "/coordinators")
                .then().statusCode(200).header(REPLAYED, nullValue())
                .body("roles", equalTo(List.of("coordinator", "donor")))
                .body("organisations", equalTo(List.of(organisationId)))
                .extract().asString();
        String second = given().auth().oauth2(admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("email", email)).post("/api/v1/organisations/" + organisationId + "/coordinators")
                .then().statusCode(200).header(REPLAYED, "true").extract().asString();

        assertThat(second).isEqualTo(first);
        assertThat(count("SELECT count(*) FROM coordinator_grants WHERE organisation_id = $1::uuid", organisationId))
                .isEqualTo(1);
        // The same key on another organisation is another request.
        given().auth().oauth2(admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("email", email)).post("/api/v1/organisations/" + UUID.randomUUID() + "/coordinators")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void a_partner_replay_is_the_same_partner_without_its_key_which_is_never_stored() {
        String admin = adminToken();
        String key = UUID.randomUUID().toString();
        String name = "Replayed partner " + UUID.randomUUID();
        Map<String, Object> body = Map.of("name", name, "scopes", List.of("feed:read"));
        ExtractableResponse<Response> first = given().auth().oauth2(admin).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/partners")
                .then().statusCode(201).header(REPLAYED, nullValue()).body("apiKey", startsWith("llk_"))
                .extract();
        ExtractableResponse<Response> replay = given().auth().oauth2(admin).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/partners")
                .then().statusCode(201).header(REPLAYED, "true")
                .contentType(ContentType.JSON)
                .body("name", equalTo(name))
                .body("scopes", equalTo(List.of("feed:read")))
                .extract();

        assertThat(replay.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(replay.jsonPath().getMap("")).doesNotContainKey("apiKey").doesNotContainKey("status");
        assertThat(replay.asString()).doesNotContain("llk_");
        assertThat(count("SELECT count(*) FROM partners WHERE name = $1", name)).isEqualTo(1);
        List<String> stored = pool.preparedQuery("SELECT caller || ' ' || idempotency_key || ' ' || request_hash"
                        + " || ' ' || coalesce(response_body, '') AS row FROM idempotency_keys WHERE idempotency_key = $1")
                .execute(Tuple.of(key)).await().atMost(Duration.ofSeconds(10))
                .stream().map(row -> row.getString("row")).toList();
        assertThat(stored).hasSize(1).allSatisfy(row -> assertThat(row)
                .contains(first.<String>path("id"))
                .doesNotContain("llk_")
                .doesNotContain(first.<String>path("apiKey")));
    }

    @Test
    void two_concurrent_registrations_with_one_key_create_one_account_and_answer_alike() throws Exception {
        String email = uniqueEmail("Race");
        String key = UUID.randomUUID().toString();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<CompletableFuture<ExtractableResponse<Response>>> racers = List.of(1, 2).stream()
                .map(racer -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return register(key, email, "racing password", "Racer").extract();
                }, threads))
                .toList();
        ExtractableResponse<Response> one;
        ExtractableResponse<Response> two;
        try {
            one = racers.get(0).get(30, TimeUnit.SECONDS);
            two = racers.get(1).get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(List.of(one.statusCode(), two.statusCode())).containsExactly(201, 201);
        assertThat(two.asString()).isEqualTo(one.asString());
        assertThat(java.util.stream.Stream.of(one.header(REPLAYED), two.header(REPLAYED))).containsExactlyInAnyOrder(
                "true", null);
        assertThat(two.header("Location")).isEqualTo(one.header("Location"));
        assertThat(count("SELECT count(*) FROM accounts WHERE lower(email) = lower($1)", email)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = $1", key)).isEqualTo(1);
    }

    private long count(String sql, String parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private static io.restassured.response.ValidatableResponse register(String key, String email, String password,
            String name) {
        var request = given().contentType(ContentType.JSON);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body(Map.of("email", email, "password", password, "displayName", name))
                .post("/api/v1/auth/register").then();
    }

    private static String adminToken() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", IdentityTest.ADMIN_EMAIL, "password", IdentityTest.ADMIN_PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("accessToken");
    }

    private static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID() + "@Example.org";
    }
}
