package org.lifeline.feed.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.lifeline.feed.FeedEvents;
import org.lifeline.feed.Scenario;
import org.lifeline.feed.Tokens;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "feed"),
        @ResourceArg(name = "kafka", value = "true")})
class GiftTrailTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String trailPath(UUID giftId) {
        return "/api/v1/me/gifts/" + giftId + "/trail";
    }

    private static JsonPath trail(UUID donor, UUID giftId) {
        return given().auth().oauth2(TestTokens.donor(donor)).get(trailPath(giftId))
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void a_donor_follows_a_pledge_from_reservation_to_delivery() {
        Scenario s = new Scenario();
        UUID need = UUID.randomUUID();
        UUID pledge = UUID.randomUUID();
        UUID donor = UUID.randomUUID();
        FeedEvents.Event posted = s.need(need, "quantity", 40);
        FeedEvents.Event reserved = s.pledgeReserved(need, pledge, donor, 40);
        FeedEvents.Event mirrored = s.reservedOnNeed(need, pledge, 40);
        FeedEvents.Event confirmed = s.pledgeConfirmed(need, pledge);
        FeedEvents.Event delivered = s.pledgeDelivered(need, pledge, 35, 5);
        FeedEvents.Event recorded = s.deliveredOnNeed(need, pledge, 35);
        // The need's mirror events travel on the other topic and may come first.
        FeedEvents.send(bootstrap, List.of(posted, mirrored, recorded, reserved, confirmed, delivered));

        await().atMost(WAIT).untilAsserted(() -> assertThat(trail(donor, pledge).getList("events")).hasSize(4));
        JsonPath trail = trail(donor, pledge);
        assertThat(trail.getString("kind")).isEqualTo("pledge");
        assertThat(trail.getList("events.type")).containsExactly("pledge.PledgeReserved", "pledge.PledgeConfirmed",
                "pledge.PledgeDelivered", "need.NeedDeliveryRecorded");
        assertThat(trail.getInt("events[2].data.quantityReceived")).isEqualTo(35);

        given().auth().oauth2(TestTokens.donor(UUID.randomUUID())).get(trailPath(pledge)).then().statusCode(403);
        given().auth().oauth2(Tokens.partner(UUID.randomUUID(), "feed:read")).get(trailPath(pledge)).then()
                .statusCode(403);
        given().get(trailPath(pledge)).then().statusCode(401);
        given().auth().oauth2(TestTokens.donor(donor)).get(trailPath(UUID.randomUUID())).then().statusCode(404);
    }

    @Test
    void a_donor_follows_a_donation_to_its_match_and_refund() {
        Scenario s = new Scenario();
        UUID donation = UUID.randomUUID();
        UUID donor = UUID.randomUUID();
        UUID pool = UUID.randomUUID();
        FeedEvents.Event opened = s.poolOpened(pool, 10_000);
        FeedEvents.Event received = s.donation(donation, donor, 2_000, "alipay-778");
        FeedEvents.Event matched = s.matchApplied(pool, donation, donor, 2_000, 8_000);
        FeedEvents.Event refunded = s.refund(donation, 2_000);
        FeedEvents.Event reversed = s.matchReversed(pool, donation, 2_000, 10_000);
        // The pool's stream first: the match is known before the donation it matched.
        FeedEvents.send(bootstrap, List.of(opened, matched, reversed, received, refunded));

        await().atMost(WAIT).untilAsserted(() -> assertThat(trail(donor, donation).getList("events")).hasSize(4));
        JsonPath trail = trail(donor, donation);
        assertThat(trail.getString("kind")).isEqualTo("donation");
        assertThat(trail.getList("events.type")).containsExactly("donation.DonationReceived",
                "match-pool.MatchApplied", "donation.DonationRefunded", "match-pool.MatchReversed");
        assertThat(trail.getString("events[0].data.paymentRef")).isEqualTo("alipay-778");
        given().auth().oauth2(TestTokens.donor(UUID.randomUUID())).get(trailPath(donation)).then().statusCode(403);
    }
}
