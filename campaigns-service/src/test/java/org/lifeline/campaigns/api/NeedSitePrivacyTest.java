package org.lifeline.campaigns.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lifeline.campaigns.StoredEvents;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * An APPROXIMATE site's exact point is for the need's own coordinators and admins: every other reader of
 * {@code GET /api/v1/needs/{id}} (now or {@code asOf}) gets it rounded to 0.01°, as the feed shows it.
 */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "campaigns"),
        @ResourceArg(name = "kafka", value = "true")})
class NeedSitePrivacyTest {

    private static final String PROBLEM = "application/problem+json";
    private static final float EXACT_LAT = 31.47456f;
    private static final float EXACT_LON = 103.58549f;
    private static final float ROUNDED_LAT = 31.47f;
    private static final float ROUNDED_LON = 103.59f;

    @Inject
    Pool pool;

    private final UUID org = UUID.randomUUID();
    private final String coordinator = TestTokens.coordinator(UUID.randomUUID(), org);

    /** Everyone who may read a need, and whether they see an APPROXIMATE site exactly. */
    enum Reader {
        ANONYMOUS(false), DONOR(false), PARTNER_OF_THE_ORGANISATION(false), COORDINATOR_OF_ANOTHER_ORGANISATION(false),
        COORDINATOR_OF_THE_ORGANISATION(true), COORDINATOR_OF_SEVERAL_INCLUDING_IT(true), ADMIN(true);

        final boolean seesExactly;

        Reader(boolean seesExactly) {
            this.seesExactly = seesExactly;
        }

        RequestSpecification request(UUID org) {
            RequestSpecification request = given();
            return switch (this) {
                case ANONYMOUS -> request;
                case DONOR -> request.auth().oauth2(TestTokens.donor(UUID.randomUUID()));
                case PARTNER_OF_THE_ORGANISATION -> request.auth().oauth2(partnerOf(org));
                case COORDINATOR_OF_ANOTHER_ORGANISATION ->
                        request.auth().oauth2(TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID()));
                case COORDINATOR_OF_THE_ORGANISATION -> request.auth().oauth2(TestTokens.coordinator(UUID.randomUUID(), org));
                case COORDINATOR_OF_SEVERAL_INCLUDING_IT ->
                        request.auth().oauth2(TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID(), org));
                case ADMIN -> request.auth().oauth2(TestTokens.admin(UUID.randomUUID()));
            };
        }
    }

    /** A partner's token as the gateway mints it for an API key: it names the partner's organisation, no role in it. */
    private static String partnerOf(UUID org) {
        Instant now = Instant.now();
        try {
            return Jwt.issuer(TestTokens.ISSUER).subject("partner:" + UUID.randomUUID()).groups(Set.of("partner"))
                    .claim("scope", "feed:read webhooks:manage").claim("orgs", List.of(org.toString()))
                    .issuedAt(now).expiresAt(now.plusSeconds(3600))
                    .jws().keyId(TestTokens.KEY_ID).sign(KeyUtils.decodePrivateKey(TestTokens.privateKeyPem()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String need(String privacy) {
        return """
                {"sector": "PRO", "item": "Dignity kits", "unit": "kit", "quantity": 120, "urgency": "HIGH",
                 "site": {"name": "Women's safe house", "lat": %s, "lon": %s, "privacy": "%s"}}"""
                .formatted(EXACT_LAT, EXACT_LON, privacy);
    }

    private String openCampaign() {
        return as(coordinator).body("""
                {"organisationId": "%s", "title": "Wenchuan aftershocks", "kind": "EARTHQUAKE", "region": "Aba",
                 "location": {"lat": 31.0, "lon": 103.4}}""".formatted(org))
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
    }

    private String post(String privacy) {
        return as(coordinator).body(need(privacy)).post("/api/v1/campaigns/" + openCampaign() + "/needs").then()
                .statusCode(201)
                // The coordinator who posted it sent these coordinates: the answer shows them as sent.
                .body("site.lat", equalTo(EXACT_LAT)).body("site.lon", equalTo(EXACT_LON))
                .extract().path("id");
    }

    private static void assertSite(ExtractableResponse<Response> read, boolean exact, String privacy) {
        assertThat(read.jsonPath().getString("site.name")).isEqualTo("Women's safe house");
        assertThat(read.jsonPath().getString("site.privacy")).isEqualTo(privacy);
        assertThat(read.jsonPath().getFloat("site.lat")).isEqualTo(exact ? EXACT_LAT : ROUNDED_LAT);
        assertThat(read.jsonPath().getFloat("site.lon")).isEqualTo(exact ? EXACT_LON : ROUNDED_LON);
        // The exact point is in no corner of the body (a field added later, a nested copy).
        if (!exact) {
            assertThat(read.asString()).doesNotContain(Float.toString(EXACT_LAT), Float.toString(EXACT_LON));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Reader.class)
    void an_approximate_site_is_exact_only_for_the_organisations_coordinators_and_admins(Reader reader) {
        String id = post("APPROXIMATE");
        as(coordinator).body("{\"urgency\": \"CRITICAL\"}").patch("/api/v1/needs/" + id).then().statusCode(200);
        Instant posted = StoredEvents.firstRecorded(pool, id);

        var now = reader.request(org).get("/api/v1/needs/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"2\"")).header("Vary", equalTo("Authorization"))
                .body("urgency", equalTo("CRITICAL")).extract();
        assertSite(now, reader.seesExactly, "APPROXIMATE");
        // A body with the exact point is never kept by a shared cache.
        assertThat(now.header("Cache-Control")).isEqualTo(reader.seesExactly ? "private" : null);

        var then = reader.request(org).queryParam("asOf", posted.toString()).get("/api/v1/needs/" + id).then()
                .statusCode(200).body("urgency", equalTo("HIGH")).body("version", equalTo(1)).extract();
        assertSite(then, reader.seesExactly, "APPROXIMATE");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Reader.class)
    void an_exact_site_is_exact_for_everyone(Reader reader) {
        String id = post("EXACT");
        Instant posted = StoredEvents.firstRecorded(pool, id);

        assertSite(reader.request(org).get("/api/v1/needs/" + id).then().statusCode(200).extract(), true, "EXACT");
        assertSite(reader.request(org).queryParam("asOf", posted.toString()).get("/api/v1/needs/" + id).then()
                .statusCode(200).extract(), true, "EXACT");
    }

    @Test
    void the_organisations_coordinators_see_the_exact_site_in_every_command_answer() {
        String id = post("APPROXIMATE");

        as(coordinator).body("{\"quantity\": 100}").patch("/api/v1/needs/" + id).then().statusCode(200)
                .body("site.lat", equalTo(EXACT_LAT)).body("site.lon", equalTo(EXACT_LON));
        as(coordinator).post("/api/v1/needs/" + id + "/reconfirm").then().statusCode(200)
                .body("site.lat", equalTo(EXACT_LAT));
        as(TestTokens.admin(UUID.randomUUID())).body("{\"reason\": \"CANCELLED\"}")
                .post("/api/v1/needs/" + id + "/close").then().statusCode(200)
                .body("site.lat", equalTo(EXACT_LAT)).body("site.lon", equalTo(EXACT_LON));
    }

    @Test
    void an_idempotent_replay_goes_only_to_the_account_that_sent_the_request() {
        String campaignId = openCampaign();
        String path = "/api/v1/campaigns/" + campaignId + "/needs";
        String key = "post-safe-house-" + UUID.randomUUID();
        String first = as(coordinator).header("Idempotency-Key", key).body(need("APPROXIMATE")).post(path).then()
                .statusCode(201).extract().path("id");
        as(coordinator).header("Idempotency-Key", key).body(need("APPROXIMATE")).post(path).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first))
                .body("site.lat", equalTo(EXACT_LAT));

        // The same key and body from anyone else is their own request, refused as such (a partner is authenticated
        // but may not write needs: 403): never the stored answer.
        Map<String, Integer> others = Map.of(TestTokens.donor(UUID.randomUUID()), 403,
                TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID()), 403, partnerOf(org), 403);
        others.forEach((other, refusal) -> {
            var refused = as(other).header("Idempotency-Key", key).body(need("APPROXIMATE")).post(path).then()
                    .statusCode(refusal).contentType(PROBLEM).extract().asString();
            assertThat(refused).doesNotContain(first, Float.toString(EXACT_LAT));
        });
    }

    @Test
    void a_bad_credential_on_a_read_is_refused_rather_than_read_as_anonymous() {
        String id = post("APPROXIMATE");
        String tampered = coordinator.substring(0, coordinator.length() - 4) + "AAAA";

        given().auth().oauth2(tampered).get("/api/v1/needs/" + id).then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.expired(UUID.randomUUID(), "coordinator")).get("/api/v1/needs/" + id).then()
                .statusCode(401).contentType(PROBLEM);
        given().get("/api/v1/needs/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }
}
