package org.lifeline.donations.money;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.donation.DonationReceived;
import org.lifeline.donations.DonationsTopic;
import org.lifeline.donations.MovableClock;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.time.Duration;
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

/** Donations, their matches, refunds, and who may see them. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "donations"),
        @ResourceArg(name = "kafka", value = "true")})
class DonationResourceTest extends MoneyTestBase {

    @Inject
    MovableClock clock;

    @Inject
    MatchPoolHandler pools;

    private static void pool(String poolId, String status, long remaining) {
        given().get("/api/v1/match-pools/" + poolId).then().statusCode(200)
                .body("status", equalTo(status)).body("remaining.amount", equalTo((int) remaining));
    }

    @Test
    void donations_get_a_full_match_then_a_partial_one_then_none() {
        UUID campaignId = campaign();
        String poolId = openPool(campaignId, "1.0", 1_000, null);

        var first = donate(donor, campaignId, 600, null).statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .body("amount.amount", equalTo(600)).body("amount.currency", equalTo("CNY"))
                .body("matched.amount", equalTo(600)).body("matched.currency", equalTo("CNY"))
                .body("matchPoolId", equalTo(poolId))
                .body("status", equalTo("RECEIVED"))
                .extract();
        assertThat(first.header("Location")).endsWith("/api/v1/donations/" + first.path("id"));
        assertThat(first.jsonPath().getMap("$")).doesNotContainKey("donorId");

        donate(otherDonor, campaignId, 600, null).statusCode(201)
                .body("matched.amount", equalTo(400)).body("matchPoolId", equalTo(poolId));
        pool(poolId, "EXHAUSTED", 0);

        donate(donor, campaignId, 100, null).statusCode(201)
                .body("matched.amount", equalTo(0)).body("matchPoolId", nullValue());

        assertThat(events(poolId, "MatchApplied")).isEqualTo(2);
        assertThat(events(poolId, "MatchPoolExhausted")).isEqualTo(1);
        assertThat(count("SELECT coalesce(sum((payload->'matched'->>'amount')::bigint), 0) FROM events"
                + " WHERE stream_id = $1 AND event_type = 'MatchApplied'", poolId)).isEqualTo(1_000);
    }

    @Test
    void a_donation_sent_before_its_campaign_reached_donations_waits_for_it() {
        UUID campaignId = UUID.randomUUID();
        CompletableFuture<Void> opened = openLater(campaignId);
        assertThat(known(campaignId)).isFalse();

        donate(donor, campaignId, 500, null).statusCode(201)
                .body("campaignId", equalTo(campaignId.toString())).body("status", equalTo("RECEIVED"));

        opened.join();
        assertThat(count("SELECT count(*) FROM donations WHERE campaign_id = $1", campaignId)).isEqualTo(1);
    }

    @Test
    void a_retried_donation_is_recorded_and_matched_once() {
        UUID campaignId = campaign();
        String poolId = openPool(campaignId, "2.0", 100_000, null);
        String key = "gift-" + UUID.randomUUID();

        String id = donate(donor, campaignId, 5_000, key).statusCode(201).body("matched.amount", equalTo(10_000))
                .extract().path("id");
        donate(donor, campaignId, 5_000, key).statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(id)).body("matched.amount", equalTo(10_000));
        donate(donor, campaignId, 5_001, key).statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/idempotency-key-reused"));

        assertThat(count("SELECT count(*) FROM events WHERE event_type = 'DonationReceived'"
                + " AND payload->>'campaignId' = $1", campaignId.toString())).isEqualTo(1);
        assertThat(events(poolId, "MatchApplied")).isEqualTo(1);
        pool(poolId, "OPEN", 90_000);
    }

    @Test
    void a_refund_gives_the_match_back_and_reopens_an_exhausted_pool() {
        UUID campaignId = campaign();
        String poolId = openPool(campaignId, "1.0", 1_000, null);
        String gift = donate(donor, campaignId, 1_000, null).statusCode(201).extract().path("id");
        pool(poolId, "EXHAUSTED", 0);

        String refund = "/api/v1/donations/" + gift + "/refund";
        as(donor).post(refund).then().statusCode(403);
        as(otherCoordinator).post(refund).then().statusCode(403);
        as(coordinator).header("If-Match", "\"5\"").post(refund).then().statusCode(409).contentType(PROBLEM);
        as(coordinator).header("If-Match", "\"1\"").header("Idempotency-Key", "refund-" + gift).post(refund).then()
                .statusCode(200).header("ETag", equalTo("\"2\""))
                .body("status", equalTo("REFUNDED")).body("matched.amount", equalTo(1_000))
                .body("matchPoolId", equalTo(poolId));
        as(coordinator).header("Idempotency-Key", "refund-" + gift).post(refund).then().statusCode(200)
                .header("Idempotent-Replayed", "true");
        as(coordinator).post(refund).then().statusCode(422).body("type", endsWith("/donation-refunded"));

        pool(poolId, "OPEN", 1_000);
        assertThat(events(poolId, "MatchReversed")).isEqualTo(1);
        assertThat(events(gift, "DonationRefunded")).isEqualTo(1);
        donate(otherDonor, campaignId, 300, null).statusCode(201).body("matched.amount", equalTo(300));
    }

    @Test
    void an_admin_refunds_a_donation_without_a_match() {
        UUID campaignId = campaign();
        String gift = donate(donor, campaignId, 700, null).statusCode(201).body("matched.amount", equalTo(0))
                .extract().path("id");
        as(admin).post("/api/v1/donations/" + gift + "/refund").then().statusCode(200)
                .body("status", equalTo("REFUNDED")).body("matched.amount", equalTo(0));
        as(admin).post("/api/v1/donations/" + UUID.randomUUID() + "/refund").then().statusCode(404);
    }

    @Test
    void only_its_donor_and_the_campaigns_coordinators_read_a_donation() {
        UUID campaignId = campaign();
        String gift = as(donor).body("""
                {"campaignId": "%s", "amount": {"amount": 2000, "currency": "CNY"}, "paymentRef": "wxpay-42"}"""
                .formatted(campaignId)).post("/api/v1/donations").then().statusCode(201).extract().path("id");
        var mine = as(donor).get("/api/v1/donations/" + gift).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("paymentRef", equalTo("wxpay-42")).body("status", equalTo("RECEIVED")).extract();
        assertThat(mine.jsonPath().getMap("$")).doesNotContainKey("donorId");
        as(coordinator).get("/api/v1/donations/" + gift).then().statusCode(200);
        as(admin).get("/api/v1/donations/" + gift).then().statusCode(200);
        as(otherDonor).get("/api/v1/donations/" + gift).then().statusCode(403);
        as(otherCoordinator).get("/api/v1/donations/" + gift).then().statusCode(403);
        given().get("/api/v1/donations/" + gift).then().statusCode(401);
    }

    @Test
    void a_donor_lists_their_own_donations_newest_first_page_by_page_and_never_anothers() {
        UUID campaignId = campaign();
        String poolId = openPool(campaignId, "1.0", 500, null);
        String giver = TestTokens.donor(UUID.randomUUID());
        String otherGiver = TestTokens.donor(UUID.randomUUID());
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(donate(giver, campaignId, 200L * i, null).statusCode(201).extract().path("id"));
        }
        String theirs = donate(otherGiver, campaignId, 100, null).statusCode(201).extract().path("id");

        var first = as(giver).header("X-Request-Id", "mine-" + campaignId).get("/api/v1/me/donations?limit=2").then()
                .statusCode(200).header("X-Request-Id", "mine-" + campaignId)
                .body("items.id", equalTo(List.of(ids.get(2), ids.get(1))))
                .body("nextCursor", notNullValue()).extract();
        var second = as(giver).get("/api/v1/me/donations?limit=2&cursor=" + first.path("nextCursor")).then()
                .statusCode(200).body("items.id", equalTo(List.of(ids.get(0)))).body("nextCursor", nullValue())
                .extract();
        // Each item is the donation exactly as GET /api/v1/donations/{id} shows it to its donor.
        assertThat(second.jsonPath().getMap("items[0]")).isEqualTo(as(giver).get("/api/v1/donations/" + ids.get(0))
                .then().statusCode(200).extract().jsonPath().getMap("$"));
        assertThat(second.jsonPath().getMap("items[0]")).containsEntry("matchPoolId", poolId)
                .doesNotContainKey("donorId");

        as(giver).get("/api/v1/me/donations").then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(2), ids.get(1), ids.get(0)))).body("nextCursor", nullValue());
        as(otherGiver).get("/api/v1/me/donations").then().statusCode(200).body("items.id", equalTo(List.of(theirs)));
        // A cursor from one donor's list shows another donor nothing of the first's.
        as(otherGiver).get("/api/v1/me/donations?cursor=" + first.path("nextCursor")).then().statusCode(200)
                .body("items", equalTo(List.of()));
        as(TestTokens.donor(UUID.randomUUID())).get("/api/v1/me/donations").then().statusCode(200)
                .body("items", equalTo(List.of())).body("nextCursor", nullValue());
    }

    @Test
    void listing_my_donations_needs_an_account_and_good_paging() {
        given().get("/api/v1/me/donations").then().statusCode(401).contentType(PROBLEM);
        as(donor).get("/api/v1/me/donations?limit=0").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("limit"));
        as(donor).get("/api/v1/me/donations?limit=201").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("limit"));
        as(donor).get("/api/v1/me/donations?cursor=nonsense").then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("The cursor is not one this API gave."));
    }

    @Test
    void invalid_donations_name_their_fields() {
        UUID campaignId = campaign();
        as(donor).body("""
                {"campaignId": "%s", "amount": {"amount": 0, "currency": "XXX"}}""".formatted(campaignId))
                .post("/api/v1/donations").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("amount.amount", "amount.currency"));
        as(donor).body("{}").post("/api/v1/donations").then().statusCode(400)
                .body("errors.field", hasItems("campaignId", "amount"));
        donate(donor, UUID.randomUUID(), 100, null).statusCode(404).contentType(PROBLEM);
        donate(coordinator, campaignId, 100, null).statusCode(403);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/donations").then().statusCode(401);
        assertThat(count("SELECT count(*) FROM donations WHERE campaign_id = $1", campaignId)).isZero();
    }

    @Test
    void small_gifts_and_other_currencies_are_not_matched() {
        UUID campaignId = campaign();
        String poolId = openPool(campaignId, "1.0", 10_000, "\"minGift\": {\"amount\": 1000, \"currency\": \"CNY\"}");
        donate(donor, campaignId, 999, null).statusCode(201).body("matched.amount", equalTo(0));
        as(donor).body("""
                {"campaignId": "%s", "amount": {"amount": 5000, "currency": "USD"}}""".formatted(campaignId))
                .post("/api/v1/donations").then().statusCode(201)
                .body("matched.amount", equalTo(0)).body("matched.currency", equalTo("USD"));
        donate(donor, campaignId, 1_000, null).statusCode(201).body("matched.amount", equalTo(1_000));
        pool(poolId, "OPEN", 9_000);
    }

    @Test
    void the_oldest_open_pool_matches_first_and_passes_a_donation_on_when_it_cannot() {
        UUID campaignId = campaign();
        String older = openPool(campaignId, "1.0", 10_000, "\"perDonorCap\": {\"amount\": 100, \"currency\": \"CNY\"}");
        String newer = openPool(campaignId, "1.0", 10_000, null);

        donate(donor, campaignId, 300, null).statusCode(201)
                .body("matchPoolId", equalTo(older)).body("matched.amount", equalTo(100));
        // The older pool's cap is reached for this donor: the newer one matches in full.
        donate(donor, campaignId, 300, null).statusCode(201)
                .body("matchPoolId", equalTo(newer)).body("matched.amount", equalTo(300));
        donate(otherDonor, campaignId, 50, null).statusCode(201).body("matchPoolId", equalTo(older));
        pool(older, "OPEN", 9_850);
        pool(newer, "OPEN", 9_700);
    }

    @Test
    void a_pool_past_its_end_closes_at_the_next_donation_or_by_the_timer() {
        UUID campaignId = campaign();
        Instant endsAt = Instant.now().plus(1, ChronoUnit.HOURS);
        String lazy = openPool(campaignId, "1.0", 10_000, "\"endsAt\": \"" + endsAt + "\"");
        donate(donor, campaignId, 100, null).statusCode(201).body("matchPoolId", equalTo(lazy));
        UUID otherCampaign = campaign();
        String timed = openPool(otherCampaign, "1.0", 10_000, "\"endsAt\": \"" + endsAt + "\"");
        try {
            clock.moveBy(Duration.ofHours(2));
            donate(donor, campaignId, 100, null).statusCode(201)
                    .body("matched.amount", equalTo(0)).body("matchPoolId", nullValue());
            given().get("/api/v1/match-pools/" + lazy).then().statusCode(200)
                    .body("status", equalTo("CLOSED")).body("closedReason", equalTo("ENDED"))
                    .body("remaining.amount", equalTo(9_900));

            // The timer's run (not scheduled in tests: lifeline.money.timer-interval=off).
            pools.closeDue(clock.instant()).await().atMost(Duration.ofSeconds(10));
            given().get("/api/v1/match-pools/" + timed).then().statusCode(200)
                    .body("status", equalTo("CLOSED")).body("closedReason", equalTo("ENDED"));
            assertThat(events(timed, "MatchPoolClosed")).isEqualTo(1);
            assertThat(query("SELECT actor FROM events WHERE stream_id = $1 AND event_type = 'MatchPoolClosed'", timed)
                    .iterator().next().getString("actor")).isEqualTo("system:donations-service");
        } finally {
            clock.reset();
        }
    }

    @Test
    void donations_and_matches_are_published_with_their_correlation() throws Exception {
        UUID campaignId = campaign();
        String poolId = openPool(campaignId, "1.0", 10_000, null);
        String requestId = UUID.randomUUID().toString();
        String gift = as(donor).header("X-Request-Id", requestId).body("""
                        {"campaignId": "%s", "amount": {"amount": 2000, "currency": "CNY"}}""".formatted(campaignId))
                .post("/api/v1/donations").then().statusCode(201).extract().path("id");

        List<ConsumerRecord<String, String>> received = DonationsTopic.recordsWithKey(bootstrap(), gift,
                records -> !records.isEmpty());
        ConsumerRecord<String, String> record = received.getFirst();
        assertThat(DonationsTopic.header(record, "ce_type")).isEqualTo(DonationReceived.TYPE);
        assertThat(DonationsTopic.header(record, "ce_subject")).isEqualTo(gift);
        assertThat(DonationsTopic.header(record, "ce_correlationid")).isEqualTo(requestId);
        assertThat(DonationsTopic.header(record, "ce_actor")).isEqualTo(donorId.toString());
        DonationReceived data = ContractJson.mapper().readValue(record.value(), DonationReceived.class);
        assertThat(data.donationId().toString()).isEqualTo(gift);
        assertThat(data.donorId()).isEqualTo(donorId);
        assertThat(data.amount().amount()).isEqualTo(2_000);

        List<ConsumerRecord<String, String>> matches = DonationsTopic.recordsWithKey(bootstrap(), poolId,
                records -> records.size() >= 2);
        assertThat(matches).extracting(r -> DonationsTopic.header(r, "ce_type")).containsExactly(
                "org.lifeline.match-pool.MatchPoolOpened.v1", "org.lifeline.match-pool.MatchApplied.v1");
        assertThat(DonationsTopic.header(matches.get(1), "ce_correlationid")).isEqualTo(requestId);
    }
}
