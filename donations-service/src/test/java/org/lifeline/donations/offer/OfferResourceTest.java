package org.lifeline.donations.offer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.Privacy;
import org.lifeline.contracts.Sector;
import org.lifeline.contracts.Site;
import org.lifeline.contracts.need.NeedClosed;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.Urgency;
import org.lifeline.donations.PledgeTestBase;
import org.lifeline.donations.domain.offer.Coordinates;
import org.lifeline.donations.domain.offer.Geo;
import org.lifeline.donations.domain.offer.ItemNames;
import org.lifeline.donations.domain.offer.MatchScore.OfferProfile;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.lifeline.donations.domain.offer.Sector.SHL;

/**
 * Offers of goods, the matcher's proposals, and accepting one as a pledge on the real ledger: needs come
 * from the campaigns topic, as campaigns-service posts them. The matcher's index is not rebuilt on a
 * timer in tests ({@code %test.lifeline.offers.index-refresh=off}): what reaches it after its first load
 * comes through the refresh after each commit.
 */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "donations"),
        @ResourceArg(name = "kafka", value = "true")})
class OfferResourceTest extends PledgeTestBase {

    /** Lanzhou, Gansu: far from the other tests' needs. */
    private static final Coordinates HOME = new Coordinates(36.06, 103.83);

    @Inject
    OfferMatcher matcher;

    /** An item of this test alone, so other tests' needs never rank. */
    private final String item = "Quilted blanket " + UUID.randomUUID();

    private static Coordinates north(double km) {
        return new Coordinates(HOME.lat() + km / Geo.KM_PER_DEGREE, HOME.lon());
    }

    /** A need of {@code item} posted on the campaigns topic, {@code kmNorth} of HOME; waits until the view has it. */
    private NeedPosted need(String needItem, Urgency urgency, int quantity, double kmNorth) {
        return need(needOf(needItem, urgency, quantity, kmNorth));
    }

    /** A need of {@code item}, {@code kmNorth} of HOME, not yet posted. */
    private NeedPosted needOf(String needItem, Urgency urgency, int quantity, double kmNorth) {
        Coordinates site = north(kmNorth);
        return new NeedPosted(UUID.randomUUID(), UUID.randomUUID(), org, Sector.SHL, needItem, "piece", quantity,
                urgency, new Site("Relief camp " + kmNorth + " km north", site.lat(), site.lon(), Privacy.EXACT),
                null, Instant.now());
    }

    /** Waits until the matcher ranks the need for an offer of {@code needItem} at HOME. */
    private void awaitRanked(String needItem, UUID needId) {
        OfferProfile probe = new OfferProfile(SHL, ItemNames.normalise(needItem), "piece", 1, HOME, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> matcher.rank(probe, Instant.now(), 100)
                .await().atMost(Duration.ofSeconds(5)).stream().anyMatch(ranked -> ranked.need().needId().equals(needId)));
    }

    private ValidatableResponse submit(String token, int quantity, Integer maxDistanceKm) {
        return as(token).body("""
                {"sector": "SHL", "item": "%s", "unit": "piece", "quantity": %d,
                 "location": {"lat": %s, "lon": %s}%s}""".formatted(item, quantity, HOME.lat(), HOME.lon(),
                        maxDistanceKm == null ? "" : ", \"maxDistanceKm\": " + maxDistanceKm))
                .post("/api/v1/offers").then();
    }

    private String offer(String token, int quantity, Integer maxDistanceKm) {
        return submit(token, quantity, maxDistanceKm).statusCode(201).extract().path("id");
    }

    private String offer(int quantity, Integer maxDistanceKm) {
        return offer(donor, quantity, maxDistanceKm);
    }

    private ValidatableResponse accept(String token, String offerId, UUID needId, Integer quantity) {
        return as(token).body(quantity == null ? "{\"needId\": \"%s\"}".formatted(needId)
                        : "{\"needId\": \"%s\", \"quantity\": %d}".formatted(needId, quantity))
                .post("/api/v1/offers/" + offerId + "/accept").then();
    }

    private ValidatableResponse accept(String offerId, UUID needId, Integer quantity) {
        return accept(donor, offerId, needId, quantity);
    }

    private List<String> matches(String offerId) {
        return as(donor).get("/api/v1/offers/" + offerId + "/matches").then().statusCode(200)
                .extract().jsonPath().getList("needId", String.class);
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
        as(donor).get("/api/v1/offers/" + id + "/matches").then().statusCode(200).body("$", hasSize(0));
        as(donor).get("/api/v1/offers/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        submit(coordinator, 5, null).statusCode(403);
        assertThat(events(id, "OfferSubmitted")).isEqualTo(1);
        assertThat(events(id, "MatchProposed")).isZero();
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
        NeedPosted far = need(item, Urgency.HIGH, 500, 140);
        NeedPosted near = need(item, Urgency.HIGH, 500, 20);
        NeedPosted tents = need("Family tent", Urgency.CRITICAL, 500, 1);
        awaitRanked(item, far.needId());
        awaitRanked(item, near.needId());
        awaitRanked("Family tent", tents.needId());
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
        assertThat(matches(nearOnly)).containsExactly(near.needId().toString());
        as(donor).get("/api/v1/offers/" + nearOnly + "/matches?limit=0").then().statusCode(400);
    }

    @Test
    void submitting_records_the_first_proposals() {
        NeedPosted near = need(item, Urgency.CRITICAL, 50, 10);
        awaitRanked(item, near.needId());
        String offerId = offer(30, null);
        assertThat(events(offerId, "MatchProposed")).isEqualTo(1);
        Row proposal = query("SELECT payload->'proposals'->0->>'needId' AS need,"
                + " (payload->'proposals'->0->>'distanceKm')::float8 AS km, jsonb_array_length(payload->'proposals')"
                + " AS n FROM events WHERE stream_id = $1 AND event_type = 'MatchProposed'", offerId).iterator().next();
        assertThat(proposal.getString("need")).isEqualTo(near.needId().toString());
        assertThat(proposal.getDouble("km")).isEqualTo(10.0);
        assertThat(proposal.getInteger("n")).isEqualTo(1);
    }

    @Test
    void matches_follow_a_need_from_posted_to_fully_pledged_or_closed() {
        String offerId = offer(300, null); // ranks, so the matcher's index is loaded from here on
        assertThat(matches(offerId)).isEmpty();

        // Posted after the index was loaded: it comes in through the refresh after the view's commit.
        NeedPosted need = need(item, Urgency.HIGH, 50, 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> matches(offerId).contains(need.needId().toString()));

        // Fully pledged: the ledger's commit takes it out before the pledge is answered.
        pledge(otherDonor, need.needId(), 50, null).statusCode(201);
        assertThat(matches(offerId)).doesNotContain(need.needId().toString());

        NeedPosted closing = need(item, Urgency.HIGH, 50, 30);
        await().atMost(Duration.ofSeconds(10)).until(() -> matches(offerId).contains(closing.needId().toString()));
        feed().publish(closing.needId(), new NeedClosed(closing.needId(), 50, 0, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> !matches(offerId).contains(closing.needId().toString()));
    }

    @Test
    void the_id_of_a_need_with_pledges_is_not_an_offer() {
        NeedPosted need = need(item, Urgency.HIGH, 50, 10);
        pledge(donor, need.needId(), 5, null).statusCode(201);

        as(donor).get("/api/v1/offers/" + need.needId()).then().statusCode(404)
                .contentType("application/problem+json");
        as(donor).post("/api/v1/offers/" + need.needId() + "/withdraw").then().statusCode(404);
    }

    @Test
    void accepting_a_need_reserves_a_pledge_on_its_ledger_and_records_it_on_the_offer() {
        NeedPosted need = need(item, Urgency.HIGH, 500, 30);
        awaitRanked(item, need.needId());
        var submitted = submit(donor, 300, null).statusCode(201).header("ETag", "\"2\"").extract();
        String offerId = submitted.path("id");

        var pledge = as(donor).header("If-Match", submitted.header("ETag"))
                .body("{\"needId\": \"%s\", \"quantity\": 120}".formatted(need.needId()))
                .post("/api/v1/offers/" + offerId + "/accept").then().statusCode(201)
                .body("needId", equalTo(need.needId().toString()))
                .body("requested", equalTo(120)).body("reserved", equalTo(120))
                .body("policy", equalTo("ALL_OR_NOTHING")).body("status", equalTo("RESERVED"))
                .body("donorId", nullValue()).extract();
        String pledgeId = pledge.path("id");
        assertThat(pledge.header("Location")).endsWith("/api/v1/pledges/" + pledgeId);

        // The pledge is the ledger's: read like any other, reserved on the need, with the offer on its event.
        as(donor).get("/api/v1/pledges/" + pledgeId).then().statusCode(200)
                .body("needId", equalTo(need.needId().toString())).body("reserved", equalTo(120))
                .body("status", equalTo("RESERVED"));
        as(coordinator).get("/api/v1/pledges/" + pledgeId).then().statusCode(200);
        Row reserved = query("SELECT payload->>'offerId' AS offer, payload->>'donorId' AS donor,"
                + " (payload->>'reserved')::int AS reserved, version FROM events WHERE stream_id = $1"
                + " AND stream_type = 'pledge' AND event_type = 'PledgeReserved' AND payload->>'pledgeId' = $2",
                need.needId().toString(), pledgeId).iterator().next();
        assertThat(reserved.getString("offer")).isEqualTo(offerId);
        assertThat(reserved.getString("donor")).isEqualTo(donorId.toString());
        assertThat(reserved.getInteger("reserved")).isEqualTo(120);
        assertThat(capacity(need.needId()).getInteger("reserved")).isEqualTo(120);

        // Without a quantity, what is left of the offer goes as far as the need takes it (PARTIAL).
        accept(offerId, need.needId(), null).statusCode(201)
                .body("requested", equalTo(180)).body("reserved", equalTo(180)).body("policy", equalTo("PARTIAL"));
        assertThat(capacity(need.needId()).getInteger("reserved")).isEqualTo(300);
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1 AND event_type = 'PledgeReserved'"
                + " AND payload->>'offerId' = $2", need.needId().toString(), offerId)).isEqualTo(2);

        as(donor).get("/api/v1/offers/" + offerId).then().statusCode(200)
                .body("placed", equalTo(300)).body("remaining", equalTo(0)).body("status", equalTo("PLACED"))
                .body("version", equalTo(4));
        assertThat(events(offerId, "OfferAccepted")).isEqualTo(2);
        accept(offerId, need.needId(), 1).statusCode(422).body("type", endsWith("/offer-placed"));
        assertThat(matches(offerId)).isEmpty();
    }

    @Test
    void more_than_is_outstanding_is_refused_with_the_outstanding_quantity() {
        NeedPosted need = need(item, Urgency.HIGH, 40, 30);
        String offerId = offer(300, null);

        var refused = accept(offerId, need.needId(), 100).statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/does-not-fit")).body("outstanding", equalTo(40))
                .body("instance", equalTo("/api/v1/offers/" + offerId + "/accept")).extract();
        assertThat(events(offerId, "OfferAccepted")).isZero();
        assertThat(events(refused.path("pledgeId"), "PledgeRejected")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1", need.needId().toString())).isZero();

        accept(offerId, need.needId(), null).statusCode(201).body("reserved", equalTo(40));
        accept(offerId, need.needId(), 10).statusCode(409).body("type", endsWith("/nothing-outstanding"))
                .body("outstanding", equalTo(0));
        as(donor).get("/api/v1/offers/" + offerId).then().body("placed", equalTo(40)).body("remaining", equalTo(260));
    }

    @Test
    void accepting_a_need_that_has_not_reached_donations_yet_waits_for_it() {
        String offerId = offer(100, 200);
        NeedPosted posted = needOf(item, Urgency.HIGH, 500, 30);
        CompletableFuture<UUID> published = postLater(posted);
        assertThat(known(posted.needId())).isFalse();

        accept(offerId, posted.needId(), 40).statusCode(201)
                .body("needId", equalTo(posted.needId().toString())).body("reserved", equalTo(40));

        published.join();
        assertThat(events(offerId, "OfferAccepted")).isEqualTo(1);
        assertThat(capacity(posted.needId()).getInteger("reserved")).isEqualTo(40);
    }

    @Test
    void accepting_checks_the_offer_the_need_and_the_donor() {
        NeedPosted need = need(item, Urgency.HIGH, 500, 30);
        NeedPosted tents = need("Family tent", Urgency.HIGH, 500, 30);
        NeedPosted distant = need(item, Urgency.HIGH, 500, 400);
        NeedPosted closed = need(item, Urgency.HIGH, 500, 10);
        feed().publish(closed.needId(), new NeedClosed(closed.needId(), 500, 0, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> capacity(closed.needId()).getString("status")
                .equals("CLOSED"));
        String offerId = offer(100, 200);

        accept(offerId, UUID.randomUUID(), 10).statusCode(422).body("type", endsWith("/need-not-open"));
        accept(offerId, closed.needId(), 10).statusCode(422).body("type", endsWith("/need-not-open"));
        accept(offerId, tents.needId(), 10).statusCode(422).body("type", endsWith("/offer-does-not-fit"));
        accept(offerId, distant.needId(), 10).statusCode(422).body("type", endsWith("/need-out-of-reach"));
        accept(offerId, need.needId(), 101).statusCode(422).body("type", endsWith("/offer-quantity-exceeded"));
        accept(otherDonor, offerId, need.needId(), 10).statusCode(403);
        accept(UUID.randomUUID().toString(), need.needId(), 10).statusCode(404).contentType(PROBLEM);
        accept(coordinator, offerId, need.needId(), 10).statusCode(403);
        as(donor).header("If-Match", "\"9\"").body("{\"needId\": \"%s\"}".formatted(need.needId()))
                .post("/api/v1/offers/" + offerId + "/accept").then().statusCode(409);
        as(donor).body("{}").post("/api/v1/offers/" + offerId + "/accept").then().statusCode(400)
                .body("errors.field", hasItems("needId"));
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1", need.needId().toString())).isZero();

        String key = "accept-" + offerId;
        String body = "{\"needId\": \"%s\", \"quantity\": 10}".formatted(need.needId());
        String first = as(donor).header("Idempotency-Key", key).body(body)
                .post("/api/v1/offers/" + offerId + "/accept").then().statusCode(201).extract().path("id");
        as(donor).header("Idempotency-Key", key).body(body).post("/api/v1/offers/" + offerId + "/accept").then()
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1 AND event_type = 'PledgeReserved'",
                need.needId().toString())).isEqualTo(1);

        as(otherDonor).post("/api/v1/offers/" + offerId + "/withdraw").then().statusCode(403);
        as(donor).post("/api/v1/offers/" + offerId + "/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        accept(offerId, need.needId(), 10).statusCode(422).body("type", endsWith("/offer-withdrawn"));
        assertThat(events(offerId, "OfferWithdrawn")).isEqualTo(1);
        // The pledge made before the withdrawal stands.
        as(donor).get("/api/v1/pledges/" + first).then().statusCode(200).body("status", equalTo("RESERVED"));
    }

    /**
     * Offers accepted while donors pledge directly, all at once on one need: they race on the need's
     * ledger, and the losers are decided again rather than answered 409 concurrent-change.
     */
    @Test
    void acceptances_and_pledges_racing_on_one_need_are_all_reserved() throws Exception {
        int each = 25;
        NeedPosted need = need(item, Urgency.CRITICAL, 1_000, 10);
        List<String[]> offers = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            String token = TestTokens.donor(UUID.randomUUID());
            offers.add(new String[] {token, offer(token, 10, null)});
        }
        ExecutorService threads = Executors.newFixedThreadPool(2 * each);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (String[] offer : offers) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return accept(offer[0], offer[1], need.needId(), 10).extract().statusCode();
                }));
                String pledger = TestTokens.donor(UUID.randomUUID());
                answers.add(threads.submit(() -> {
                    start.await();
                    return pledge(pledger, need.needId(), 10, null).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(120, TimeUnit.SECONDS));
            }
            assertThat(statuses).hasSize(2 * each).containsOnly(201);
        } finally {
            threads.shutdownNow();
        }

        assertThat(capacity(need.needId()).getInteger("reserved")).isEqualTo(2 * each * 10);
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1 AND event_type = 'PledgeReserved'",
                need.needId().toString())).isEqualTo(2 * each);
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1 AND event_type = 'PledgeReserved'"
                + " AND payload ? 'offerId'", need.needId().toString())).isEqualTo(each);
        // Every ledger version once: the race was decided on the version.
        assertThat(count("SELECT max(version) FROM events WHERE stream_id = $1", need.needId().toString()))
                .isEqualTo(2 * each);
        for (String[] offer : offers) {
            assertThat(events(offer[1], "OfferAccepted")).isEqualTo(1);
        }
    }
}
