package org.lifeline.donations.offer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.pledge.PledgePolicy;
import org.lifeline.donations.domain.offer.Coordinates;
import org.lifeline.donations.domain.offer.Geo;
import org.lifeline.donations.domain.offer.NeedCandidate;
import org.lifeline.donations.domain.offer.Sector;
import org.lifeline.donations.domain.offer.Urgency;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

/** Offers of goods, the matcher's proposals, and accepting one as a pledge. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "donations"),
        @ResourceArg(name = "kafka", value = "true")})
class OfferResourceTest {

    private static final String PROBLEM = "application/problem+json";
    /** Somewhere in Gansu, far from the other tests' needs. */
    private static final Coordinates HOME = new Coordinates(36.06, 103.83);

    @Inject
    FakeOpenNeeds needs;

    @Inject
    FakePledgePlacer ledger;

    @Inject
    OfferMatcher matcher;

    @Inject
    Pool pool;

    private final UUID donorId = UUID.randomUUID();
    private final String donor = TestTokens.donor(donorId);
    private final String otherDonor = TestTokens.donor(UUID.randomUUID());
    /** An item of this test alone, so other tests' needs never rank. */
    private final String item = "Quilted blanket " + UUID.randomUUID();

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static Coordinates north(double km) {
        return new Coordinates(HOME.lat() + km / Geo.KM_PER_DEGREE, HOME.lon());
    }

    private NeedCandidate need(String needItem, Urgency urgency, int outstanding, double kmNorth) {
        NeedCandidate need = new NeedCandidate(UUID.randomUUID(), UUID.randomUUID(), Sector.SHL, needItem, "piece",
                outstanding, urgency, north(kmNorth), null);
        needs.put(need);
        ledger.outstanding(need.needId(), outstanding);
        return need;
    }

    private void refresh() {
        matcher.refresh().await().atMost(Duration.ofSeconds(10));
    }

    private ValidatableResponse submit(String token, int quantity, Integer maxDistanceKm) {
        return as(token).body("""
                {"sector": "SHL", "item": "%s", "unit": "piece", "quantity": %d,
                 "location": {"lat": %s, "lon": %s}%s}""".formatted(item, quantity, HOME.lat(), HOME.lon(),
                        maxDistanceKm == null ? "" : ", \"maxDistanceKm\": " + maxDistanceKm))
                .post("/api/v1/offers").then();
    }

    private String offer(int quantity, Integer maxDistanceKm) {
        return submit(donor, quantity, maxDistanceKm).statusCode(201).extract().path("id");
    }

    private ValidatableResponse accept(String offerId, UUID needId, Integer quantity) {
        return as(donor).body(quantity == null ? "{\"needId\": \"%s\"}".formatted(needId)
                        : "{\"needId\": \"%s\", \"quantity\": %d}".formatted(needId, quantity))
                .post("/api/v1/offers/" + offerId + "/accept").then();
    }

    private long events(String streamId, String type) {
        Row row = pool.preparedQuery("SELECT count(*) FROM events WHERE stream_id = $1 AND event_type = $2")
                .execute(Tuple.of(streamId, type)).await().atMost(Duration.ofSeconds(10)).iterator().next();
        return row.getLong(0);
    }

    @Test
    void a_donor_submits_an_offer_only_they_can_see() {
        var created = submit(donor, 300, 150).statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .body("sector", equalTo("SHL")).body("item", equalTo(item)).body("quantity", equalTo(300))
                .body("remaining", equalTo(300)).body("maxDistanceKm", equalTo(150)).body("status", equalTo("OPEN"))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/offers/" + id);

        as(donor).get("/api/v1/offers/" + id).then().statusCode(200)
                .body("location.lat", equalTo((float) HOME.lat())).body("version", equalTo(1));
        as(otherDonor).get("/api/v1/offers/" + id).then().statusCode(403);
        as(otherDonor).get("/api/v1/offers/" + id + "/matches").then().statusCode(403);
        given().get("/api/v1/offers/" + id).then().statusCode(401);
        as(donor).get("/api/v1/offers/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        submit(TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID()), 5, null).statusCode(403);
        assertThat(events(id, "OfferSubmitted")).isEqualTo(1);
    }

    @Test
    void invalid_offers_name_their_fields() {
        as(donor).body("""
                {"sector": "BLANKETS", "item": "", "unit": "piece", "quantity": 0, "location": {"lat": 91, "lon": 0},
                 "maxDistanceKm": 0}""")
                .post("/api/v1/offers").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("sector"));
        as(donor).body("""
                {"sector": "SHL", "item": "", "unit": "piece", "quantity": 0, "location": {"lat": 91, "lon": 0},
                 "maxDistanceKm": 0}""")
                .post("/api/v1/offers").then().statusCode(400)
                .body("errors.field", hasItems("item", "quantity", "location.lat", "maxDistanceKm"));
        as(donor).body("""
                {"sector": "SHL", "item": "tent", "unit": "piece", "quantity": 3, "location": {"lat": 30, "lon": 104},
                 "availableUntil": "2020-01-01T00:00:00Z"}""")
                .post("/api/v1/offers").then().statusCode(422).body("type", endsWith("/available-until-in-past"));
    }

    @Test
    void matches_rank_the_nearer_of_two_equal_needs_first_and_leave_out_other_items() {
        NeedCandidate far = need(item, Urgency.HIGH, 500, 140);
        NeedCandidate near = need(item, Urgency.HIGH, 500, 20);
        need("Family tent", Urgency.CRITICAL, 500, 1);
        refresh();
        String offerId = offer(300, null);

        var matches = as(donor).get("/api/v1/offers/" + offerId + "/matches").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].needId", equalTo(near.needId().toString()))
                .body("[0].item", equalTo(item))
                .body("[0].outstanding", equalTo(500))
                .body("[0].urgency", equalTo("HIGH"))
                .body("[0].distanceKm", equalTo(20.0f))
                .body("[1].needId", equalTo(far.needId().toString()))
                .body("[1].distanceKm", equalTo(140.0f))
                .extract();
        assertThat(matches.jsonPath().getMap("[0]")).containsOnlyKeys("needId", "item", "outstanding", "urgency",
                "distanceKm", "score");
        assertThat(matches.jsonPath().getFloat("[0].score")).isGreaterThan(matches.jsonPath().getFloat("[1].score"));

        String nearOnly = offer(300, 100);
        as(donor).get("/api/v1/offers/" + nearOnly + "/matches").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].needId", equalTo(near.needId().toString()));
        as(donor).get("/api/v1/offers/" + nearOnly + "/matches?limit=0").then().statusCode(400);
    }

    @Test
    void submitting_records_the_first_proposals() {
        NeedCandidate near = need(item, Urgency.CRITICAL, 50, 10);
        refresh();
        String offerId = offer(30, null);
        assertThat(events(offerId, "MatchProposed")).isEqualTo(1);
        Row proposal = pool.preparedQuery("SELECT payload->'proposals'->0->>'needId' AS need,"
                        + " (payload->'proposals'->0->>'distanceKm')::float8 AS km, jsonb_array_length(payload->'proposals')"
                        + " AS n FROM events WHERE stream_id = $1 AND event_type = 'MatchProposed'")
                .execute(Tuple.of(offerId)).await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertThat(proposal.getString("need")).isEqualTo(near.needId().toString());
        assertThat(proposal.getDouble("km")).isEqualTo(10.0);
        assertThat(proposal.getInteger("n")).isEqualTo(1);
    }

    @Test
    void accepting_a_need_pledges_through_the_ledger_and_records_it_on_the_offer() {
        NeedCandidate need = need(item, Urgency.HIGH, 500, 30);
        refresh();
        var submitted = submit(donor, 300, null).statusCode(201).header("ETag", "\"2\"").extract();
        String offerId = submitted.path("id");

        var pledge = as(donor).header("If-Match", submitted.header("ETag")).body("{\"needId\": \"%s\", \"quantity\": 120}"
                        .formatted(need.needId()))
                .post("/api/v1/offers/" + offerId + "/accept").then().statusCode(201)
                .body("needId", equalTo(need.needId().toString()))
                .body("reserved", equalTo(120)).body("status", equalTo("RESERVED")).extract();
        assertThat(pledge.header("Location")).endsWith("/api/v1/pledges/" + pledge.path("id"));
        PledgePlacer.PledgeOrder order = ledger.orders(need.needId()).getFirst();
        assertThat(order.policy()).isEqualTo(PledgePolicy.ALL_OR_NOTHING);
        assertThat(order.quantity()).isEqualTo(120);
        assertThat(order.donorId()).isEqualTo(donorId);
        assertThat(order.offerId().toString()).isEqualTo(offerId);
        assertThat(order.pledgeId().toString()).isEqualTo(pledge.path("id"));

        // Without a quantity, what is left goes as far as the need takes it.
        accept(offerId, need.needId(), null).statusCode(201).body("reserved", equalTo(180));
        assertThat(ledger.orders(need.needId()).get(1).policy()).isEqualTo(PledgePolicy.PARTIAL);

        as(donor).get("/api/v1/offers/" + offerId).then().statusCode(200)
                .body("placed", equalTo(300)).body("remaining", equalTo(0)).body("status", equalTo("PLACED"))
                .body("version", equalTo(4));
        assertThat(events(offerId, "OfferAccepted")).isEqualTo(2);
        accept(offerId, need.needId(), 1).statusCode(422).body("type", endsWith("/offer-placed"));
        as(donor).get("/api/v1/offers/" + offerId + "/matches").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void a_pledge_the_ledger_refuses_is_answered_as_the_ledger_answers_it() {
        NeedCandidate need = need(item, Urgency.HIGH, 40, 30);
        refresh();
        String offerId = offer(300, null);

        accept(offerId, need.needId(), 100).statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/does-not-fit")).body("outstanding", equalTo(40));
        assertThat(events(offerId, "OfferAccepted")).isZero();
        accept(offerId, need.needId(), null).statusCode(201).body("reserved", equalTo(40));
    }

    @Test
    void accepting_checks_the_offer_and_the_need() {
        NeedCandidate need = need(item, Urgency.HIGH, 500, 30);
        NeedCandidate tents = need("Family tent", Urgency.HIGH, 500, 30);
        NeedCandidate distant = need(item, Urgency.HIGH, 500, 400);
        String offerId = offer(100, 200);

        accept(offerId, UUID.randomUUID(), 10).statusCode(422).body("type", endsWith("/need-not-open"));
        accept(offerId, tents.needId(), 10).statusCode(422).body("type", endsWith("/offer-does-not-fit"));
        accept(offerId, distant.needId(), 10).statusCode(422).body("type", endsWith("/need-out-of-reach"));
        accept(offerId, need.needId(), 101).statusCode(422).body("type", endsWith("/offer-quantity-exceeded"));
        as(otherDonor).body("{\"needId\": \"%s\"}".formatted(need.needId()))
                .post("/api/v1/offers/" + offerId + "/accept").then().statusCode(403);
        as(donor).header("If-Match", "\"9\"").body("{\"needId\": \"%s\"}".formatted(need.needId()))
                .post("/api/v1/offers/" + offerId + "/accept").then().statusCode(409);
        as(donor).body("{}").post("/api/v1/offers/" + offerId + "/accept").then().statusCode(400)
                .body("errors.field", hasItems("needId"));
        assertThat(ledger.orders(need.needId())).isEmpty();

        String key = "accept-" + offerId;
        String first = as(donor).header("Idempotency-Key", key).body("{\"needId\": \"%s\", \"quantity\": 10}"
                .formatted(need.needId())).post("/api/v1/offers/" + offerId + "/accept").then().statusCode(201)
                .extract().path("id");
        as(donor).header("Idempotency-Key", key).body("{\"needId\": \"%s\", \"quantity\": 10}"
                        .formatted(need.needId())).post("/api/v1/offers/" + offerId + "/accept").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertThat(ledger.orders(need.needId())).hasSize(1);

        as(donor).post("/api/v1/offers/" + offerId + "/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        accept(offerId, need.needId(), 10).statusCode(422).body("type", endsWith("/offer-withdrawn"));
        assertThat(events(offerId, "OfferWithdrawn")).isEqualTo(1);
    }
}
