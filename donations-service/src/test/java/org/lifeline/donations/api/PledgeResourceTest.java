package org.lifeline.donations.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.donations.PledgeTestBase;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "donations"),
        @ResourceArg(name = "kafka", value = "true")})
class PledgeResourceTest extends PledgeTestBase {

    @Test
    void a_donor_pledges_and_the_need_holds_it() {
        UUID needId = need(100).needId();
        var created = pledge(donor, needId, 40, null).statusCode(201)
                .contentType(ContentType.JSON)
                .header("ETag", equalTo("\"1\""))
                .body("needId", equalTo(needId.toString()))
                .body("requested", equalTo(40))
                .body("reserved", equalTo(40))
                .body("policy", equalTo("ALL_OR_NOTHING"))
                .body("status", equalTo("RESERVED"))
                .body("holdExpiresAt", notNullValue())
                .body("version", equalTo(1))
                .body("donorId", nullValue())
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/pledges/" + id);
        Instant holdExpiresAt = Instant.parse(created.path("holdExpiresAt"));
        assertThat(holdExpiresAt).isBetween(Instant.now().plus(47, ChronoUnit.HOURS),
                Instant.now().plus(48, ChronoUnit.HOURS));

        as(donor).get("/api/v1/pledges/" + id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("id", equalTo(id)).body("reserved", equalTo(40)).body("donorId", nullValue());
        assertThat(capacity(needId).getInteger("reserved")).isEqualTo(40);
        assertThat(capacity(needId).getLong("ledger_version")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1 AND stream_type = 'pledge'"
                + " AND event_type = 'PledgeReserved'", needId.toString())).isEqualTo(1);
    }

    @Test
    void an_all_or_nothing_pledge_that_does_not_fit_answers_409_with_the_outstanding_quantity() {
        UUID needId = need(100).needId();
        pledge(donor, needId, 70, "ALL_OR_NOTHING").statusCode(201);
        var refused = pledge(otherDonor, needId, 40, "ALL_OR_NOTHING").statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/does-not-fit"))
                .body("status", equalTo(409))
                .body("outstanding", equalTo(30))
                .body("reason", equalTo("DOES_NOT_FIT"))
                .extract();
        String attempt = refused.path("pledgeId");

        // The rejection is recorded on its own stream, never on the ledger.
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1 AND stream_type = 'pledge-attempt'"
                + " AND event_type = 'PledgeRejected' AND (payload->>'outstanding')::int = 30", attempt)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1", needId.toString())).isEqualTo(1);
        assertThat(capacity(needId).getInteger("reserved")).isEqualTo(70);
    }

    @Test
    void a_partial_pledge_reserves_what_fits_then_nothing_fits() {
        UUID needId = need(100).needId();
        pledge(donor, needId, 70, null).statusCode(201);
        pledge(otherDonor, needId, 50, "PARTIAL").statusCode(201)
                .body("requested", equalTo(50)).body("reserved", equalTo(30)).body("policy", equalTo("PARTIAL"));
        pledge(otherDonor, needId, 1, "PARTIAL").statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/nothing-outstanding")).body("outstanding", equalTo(0));
        assertThat(capacity(needId).getInteger("reserved")).isEqualTo(100);
    }

    @Test
    void a_pledge_sent_before_its_need_reached_donations_waits_for_it() {
        NeedPosted posted = feed().needOf(org, 100);
        CompletableFuture<UUID> published = postLater(posted);
        assertThat(known(posted.needId())).isFalse();

        pledge(donor, posted.needId(), 40, null).statusCode(201)
                .body("needId", equalTo(posted.needId().toString())).body("reserved", equalTo(40));

        published.join();
        assertThat(capacity(posted.needId()).getInteger("reserved")).isEqualTo(40);
    }

    @Test
    void a_need_that_never_arrives_is_404_after_the_wait_and_nothing_is_recorded() {
        UUID needId = UUID.randomUUID();
        pledge(donor, needId, 1, null).statusCode(404).contentType(PROBLEM);
        assertThat(count("SELECT count(*) FROM events WHERE payload->>'needId' = $1", needId.toString())).isZero();
    }

    @Test
    void invalid_pledges_name_their_fields() {
        UUID needId = need(100).needId();
        pledge(donor, needId, 0, null).statusCode(400).contentType(PROBLEM).body("errors.field", hasItems("quantity"));
        as(donor).body("{\"quantity\": 10000001}").post("/api/v1/pledges").then().statusCode(400)
                .body("errors.field", hasItems("needId", "quantity"));
        pledge(donor, needId, 5, "SOME").statusCode(400).contentType(PROBLEM).body("errors.field", hasItems("policy"));
        as(donor).body("{\"needId\": \"%s\", \"quantity\": 1, \"note\": \"%s\"}".formatted(needId, "x".repeat(1001)))
                .post("/api/v1/pledges").then().statusCode(400).body("errors.field", hasItems("note"));
        as(donor).body("not json").post("/api/v1/pledges").then().statusCode(400).contentType(PROBLEM);
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1", needId.toString())).isZero();
    }

    @Test
    void only_donors_pledge() {
        UUID needId = need(100).needId();
        given().contentType(ContentType.JSON).body("{\"needId\": \"%s\", \"quantity\": 1}".formatted(needId))
                .post("/api/v1/pledges").then().statusCode(401).contentType(PROBLEM);
        pledge(coordinator, needId, 1, null).statusCode(403).contentType(PROBLEM);
        pledge(TestTokens.admin(UUID.randomUUID()), needId, 1, null).statusCode(403);
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1", needId.toString())).isZero();
    }

    @Test
    void a_pledge_is_read_by_its_donor_and_the_need_coordinators_only() {
        UUID needId = need(100).needId();
        String id = pledge(donor, needId, 10, null).statusCode(201).extract().path("id");
        String path = "/api/v1/pledges/" + id;
        given().get(path).then().statusCode(401).contentType(PROBLEM);
        as(otherDonor).get(path).then().statusCode(403).contentType(PROBLEM);
        as(otherCoordinator).get(path).then().statusCode(403);
        as(coordinator).get(path).then().statusCode(200).body("id", equalTo(id));
        as(TestTokens.admin(UUID.randomUUID())).get(path).then().statusCode(200);
        as(donor).get("/api/v1/pledges/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void the_same_idempotency_key_and_body_give_the_same_pledge_and_reserve_once() {
        UUID needId = need(100).needId();
        String body = "{\"needId\": \"%s\", \"quantity\": 30}".formatted(needId);
        var first = as(donor).header("Idempotency-Key", "pledge-1").body(body).post("/api/v1/pledges").then()
                .statusCode(201).extract();
        as(donor).header("Idempotency-Key", "pledge-1").body(" " + body.replace(":", ": ")).post("/api/v1/pledges")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", endsWith("/api/v1/pledges/" + first.path("id")))
                .body("id", equalTo(first.path("id"))).body("reserved", equalTo(30));
        as(donor).header("Idempotency-Key", "pledge-1").body(body.replace("30", "31")).post("/api/v1/pledges")
                .then().statusCode(409).contentType(PROBLEM).body("type", endsWith("idempotency-key-reused"));
        // Another donor's key is another request.
        as(otherDonor).header("Idempotency-Key", "pledge-1").body(body).post("/api/v1/pledges").then().statusCode(201);

        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1", needId.toString())).isEqualTo(2);
        assertThat(capacity(needId).getInteger("reserved")).isEqualTo(60);
    }

    @Test
    void a_replayed_rejection_is_the_first_answer_and_records_nothing_more() {
        UUID needId = need(10).needId();
        String body = "{\"needId\": \"%s\", \"quantity\": 11}".formatted(needId);
        String attempt = as(donor).header("Idempotency-Key", "too-much").body(body).post("/api/v1/pledges").then()
                .statusCode(409).body("outstanding", equalTo(10)).extract().path("pledgeId");
        as(donor).header("Idempotency-Key", "too-much").body(body).post("/api/v1/pledges").then()
                .statusCode(409).contentType(PROBLEM).header("Idempotent-Replayed", "true")
                .body("pledgeId", equalTo(attempt));
        assertThat(count("SELECT count(*) FROM events WHERE event_type = 'PledgeRejected'"
                + " AND payload->>'needId' = $1", needId.toString())).isEqualTo(1);
    }

    @Test
    void a_donor_confirms_and_dispatches_and_the_coordinator_records_a_short_delivery() {
        UUID needId = need(100).needId();
        String id = pledge(donor, needId, 40, null).statusCode(201).extract().path("id");
        String eta = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String confirm = "{\"method\": \"SHIPMENT\", \"eta\": \"%s\"}".formatted(eta);

        as(otherDonor).body(confirm).post("/api/v1/pledges/" + id + "/confirm").then().statusCode(403);
        as(coordinator).body(confirm).post("/api/v1/pledges/" + id + "/confirm").then().statusCode(403);
        as(donor).body("{\"method\": \"CARRIER_PIGEON\", \"eta\": \"%s\"}".formatted(eta))
                .post("/api/v1/pledges/" + id + "/confirm").then().statusCode(400).body("errors.field", hasItems("method"));
        as(donor).body("{\"method\": \"SHIPMENT\"}").post("/api/v1/pledges/" + id + "/confirm").then()
                .statusCode(400).body("errors.field", hasItems("eta"));
        as(donor).body("{\"method\": \"SHIPMENT\", \"eta\": \"2000-01-01T00:00:00Z\"}")
                .post("/api/v1/pledges/" + id + "/confirm").then().statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("/eta-in-past"));
        as(donor).body(confirm).header("If-Match", "\"1\"").post("/api/v1/pledges/" + id + "/confirm").then()
                .statusCode(200).header("ETag", equalTo("\"2\""))
                .body("status", equalTo("CONFIRMED")).body("method", equalTo("SHIPMENT")).body("eta", equalTo(eta))
                .body("version", equalTo(2));

        as(donor).body("{\"carrier\": \"SF Express\", \"trackingRef\": \"SF1402837465921\"}").header("If-Match", "\"1\"")
                .post("/api/v1/pledges/" + id + "/dispatch").then().statusCode(409).contentType(PROBLEM);
        as(coordinator).post("/api/v1/pledges/" + id + "/dispatch").then().statusCode(403);
        as(donor).body("{\"carrier\": \"SF Express\", \"trackingRef\": \"SF1402837465921\"}").header("If-Match", "\"2\"")
                .post("/api/v1/pledges/" + id + "/dispatch").then().statusCode(200)
                .body("status", equalTo("IN_TRANSIT")).body("carrier", equalTo("SF Express"))
                .body("trackingRef", equalTo("SF1402837465921")).body("version", equalTo(3));

        as(donor).body("{\"quantityReceived\": 35}").post("/api/v1/pledges/" + id + "/deliver").then().statusCode(403);
        as(otherCoordinator).body("{\"quantityReceived\": 35}").post("/api/v1/pledges/" + id + "/deliver").then()
                .statusCode(403);
        as(coordinator).body("{\"quantityReceived\": 41}").post("/api/v1/pledges/" + id + "/deliver").then()
                .statusCode(422).body("type", endsWith("/delivery-exceeds-reservation"));
        as(coordinator).body("{\"quantityReceived\": -1}").post("/api/v1/pledges/" + id + "/deliver").then()
                .statusCode(400).body("errors.field", hasItems("quantityReceived"));
        as(coordinator).body("{\"quantityReceived\": 35, \"note\": \"5 boxes wet\"}")
                .post("/api/v1/pledges/" + id + "/deliver").then().statusCode(200)
                .body("status", equalTo("DELIVERED")).body("quantityReceived", equalTo(35))
                .body("released", equalTo(5)).body("deliveryNote", equalTo("5 boxes wet")).body("version", equalTo(4));

        assertThat(capacity(needId).getInteger("reserved")).isEqualTo(35);
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1 AND event_type = 'PledgeDelivered'"
                + " AND (payload->>'released')::int = 5 AND (payload->>'quantityReceived')::int = 35",
                needId.toString())).isEqualTo(1);
        as(coordinator).post("/api/v1/pledges/" + id + "/cancel").then().statusCode(422)
                .body("type", endsWith("/pledge-not-active"));
    }

    @Test
    void a_donor_or_a_coordinator_cancels_and_the_quantity_is_outstanding_again() {
        UUID needId = need(50).needId();
        String mine = pledge(donor, needId, 30, null).statusCode(201).extract().path("id");
        String theirs = pledge(otherDonor, needId, 20, null).statusCode(201).extract().path("id");
        pledge(donor, needId, 1, null).statusCode(409).body("outstanding", equalTo(0));

        as(otherDonor).post("/api/v1/pledges/" + mine + "/cancel").then().statusCode(403);
        as(otherCoordinator).post("/api/v1/pledges/" + mine + "/cancel").then().statusCode(403);
        as(donor).body("{\"reason\": \"The truck was requisitioned.\"}").post("/api/v1/pledges/" + mine + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("cancelledBy", equalTo("DONOR"))
                .body("released", equalTo(30)).body("cancelReason", equalTo("The truck was requisitioned."));
        given().auth().oauth2(coordinator).post("/api/v1/pledges/" + theirs + "/cancel").then().statusCode(200)
                .body("cancelledBy", equalTo("COORDINATOR")).body("released", equalTo(20));
        // Cancelling again changes nothing.
        as(donor).post("/api/v1/pledges/" + mine + "/cancel").then().statusCode(200).body("version", equalTo(2));

        assertThat(capacity(needId).getInteger("reserved")).isZero();
        pledge(donor, needId, 50, null).statusCode(201);
    }

    @Test
    void a_donor_lists_their_own_pledges_newest_first_page_by_page() {
        UUID needId = need(100).needId();
        String donorToken = TestTokens.donor(UUID.randomUUID());
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(pledge(donorToken, needId, i, null).statusCode(201).extract().path("id"));
        }
        pledge(otherDonor, needId, 1, null).statusCode(201);

        var first = as(donorToken).get("/api/v1/me/pledges?limit=2").then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(2), ids.get(1))))
                .body("nextCursor", notNullValue()).extract();
        as(donorToken).get("/api/v1/me/pledges?limit=2&cursor=" + first.path("nextCursor")).then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(0)))).body("nextCursor", nullValue());
        as(donorToken).get("/api/v1/me/pledges?cursor=nonsense").then().statusCode(400).contentType(PROBLEM);
        as(donorToken).get("/api/v1/me/pledges?limit=0").then().statusCode(400).body("errors.field", hasItems("limit"));
        given().get("/api/v1/me/pledges").then().statusCode(401);
    }

    @Test
    void the_coordinator_lists_a_needs_pledges() {
        UUID needId = need(100).needId();
        String a = pledge(donor, needId, 10, null).statusCode(201).extract().path("id");
        String b = pledge(otherDonor, needId, 20, null).statusCode(201).extract().path("id");
        as(coordinator).get("/api/v1/needs/" + needId + "/pledges").then().statusCode(200)
                .body("items.id", equalTo(List.of(b, a))).body("items.reserved", equalTo(List.of(20, 10)))
                .body("items[0].donorId", nullValue());
        as(otherCoordinator).get("/api/v1/needs/" + needId + "/pledges").then().statusCode(403);
        as(donor).get("/api/v1/needs/" + needId + "/pledges").then().statusCode(403);
        given().get("/api/v1/needs/" + needId + "/pledges").then().statusCode(401);
        as(coordinator).get("/api/v1/needs/" + UUID.randomUUID() + "/pledges").then().statusCode(404);
    }
}
