package org.lifeline.donations.projection;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.lifeline.contracts.GoldenSamples;
import org.lifeline.contracts.ContractJson;
import org.lifeline.contracts.need.ExpiryReason;
import org.lifeline.contracts.need.NeedCancelled;
import org.lifeline.contracts.need.NeedClosed;
import org.lifeline.contracts.need.NeedExpired;
import org.lifeline.contracts.need.NeedOverSubscribed;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.NeedQuantityRevised;
import org.lifeline.contracts.need.NeedReprioritized;
import org.lifeline.contracts.need.Urgency;
import org.lifeline.donations.PledgeTestBase;
import org.lifeline.testing.LifelineTestResource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** The local view of needs, fed from lifeline.campaigns.v1, and the reactions to needs that end. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "donations"),
        @ResourceArg(name = "kafka", value = "true")})
class NeedCapacityProjectionTest extends PledgeTestBase {

    @Test
    void a_posted_need_is_in_the_view_with_everything_pledging_and_matching_need() {
        NeedPosted posted = need(300);
        var row = capacity(posted.needId());
        assertThat(row.getInteger("requested")).isEqualTo(300);
        assertThat(row.getString("status")).isEqualTo("OPEN");
        assertThat(row.getInteger("reserved")).isZero();
        assertThat(row.getUUID("organisation_id")).isEqualTo(org);
        assertThat(row.getUUID("campaign_id")).isEqualTo(posted.campaignId());
        assertThat(row.getString("sector")).isEqualTo("SHL");
        assertThat(row.getString("item")).isEqualTo("Winter blanket");
        assertThat(row.getString("unit")).isEqualTo("piece");
        assertThat(row.getString("urgency")).isEqualTo("CRITICAL");
        assertThat(row.getString("site_name")).isEqualTo("Yingxiu Town Middle School camp");
        assertThat(row.getDouble("site_lat")).isEqualTo(31.06);
        assertThat(row.getDouble("site_lon")).isEqualTo(103.49);
        assertThat(row.getOffsetDateTime("needed_by").toInstant()).isEqualTo(posted.neededBy());
    }

    @Test
    void the_golden_sample_of_need_posted_is_read() throws Exception {
        NeedPosted sample = ContractJson.mapper().readValue(GoldenSamples.json(NeedPosted.TYPE), NeedPosted.class);
        UUID needId = UUID.randomUUID();
        feed().publish(needId, new NeedPosted(needId, sample.campaignId(), sample.organisationId(), sample.sector(),
                sample.item(), sample.unit(), sample.quantity(), sample.urgency(), sample.site(), null,
                sample.postedAt()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM need_capacity WHERE need_id = $1", needId) == 1);
        assertThat(capacity(needId).getInteger("requested")).isEqualTo(300);
        assertThat(capacity(needId).getValue("needed_by")).isNull();
    }

    @Test
    void revisions_and_reprioritisations_change_the_view_and_keep_the_pledges() {
        UUID needId = need(100).needId();
        pledge(donor, needId, 60, null).statusCode(201);
        pledge(otherDonor, needId, 30, null).statusCode(201);

        feed().publish(needId, new NeedQuantityRevised(needId, 100, 50));
        feed().publish(needId, new NeedOverSubscribed(needId, 50, 90));
        feed().publish(needId, new NeedReprioritized(needId, Urgency.CRITICAL, Urgency.LOW));
        await().atMost(Duration.ofSeconds(30)).until(() -> "LOW".equals(capacity(needId).getString("urgency")));

        assertThat(capacity(needId).getInteger("requested")).isEqualTo(50);
        assertThat(capacity(needId).getInteger("reserved")).isEqualTo(90);
        pledge(donor, needId, 1, "PARTIAL").statusCode(409).body("outstanding", equalTo(0));
        // The coordinator sees the pledges and chooses what to cancel.
        as(coordinator).get("/api/v1/needs/" + needId + "/pledges").then().statusCode(200)
                .body("items.status", equalTo(java.util.List.of("RESERVED", "RESERVED")));
    }

    @Test
    void a_cancelled_need_releases_its_active_pledges_once_and_takes_no_more() {
        UUID needId = need(100).needId();
        String active = pledge(donor, needId, 30, null).statusCode(201).extract().path("id");
        String delivered = pledge(otherDonor, needId, 20, null).statusCode(201).extract().path("id");
        as(coordinator).body("{\"quantityReceived\": 20}").post("/api/v1/pledges/" + delivered + "/deliver").then()
                .statusCode(200);

        UUID cancelled = feed().publish(needId, new NeedCancelled(needId, 50));
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(capacity(needId).getString("status")));

        as(donor).get("/api/v1/pledges/" + active).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("cancelledBy", equalTo("NEED_CANCELLED"))
                .body("released", equalTo(30));
        as(otherDonor).get("/api/v1/pledges/" + delivered).then().body("status", equalTo("DELIVERED"));
        assertThat(capacity(needId).getInteger("reserved")).isEqualTo(20);
        String cancellations = "SELECT count(*) FROM events WHERE stream_id = $1 AND event_type = 'PledgeCancelled'";
        assertThat(count(cancellations, needId.toString())).isEqualTo(1);
        // The reaction carries on the flow of the event it reacts to.
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1 AND event_type = 'PledgeCancelled'"
                + " AND causation_id = $2 AND actor = 'system:donations-service'", needId.toString(), cancelled))
                .isEqualTo(1);

        // A redelivery of the same event, and a second end of the need, change nothing.
        feed().publish(needId, new NeedCancelled(needId, 50), cancelled);
        feed().publish(needId, new NeedClosed(needId, 100, 20, 20));
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(capacity(needId).getString("status")));
        assertThat(count(cancellations, needId.toString())).isEqualTo(1);

        pledge(donor, needId, 1, null).statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("/need-not-open")).body("outstanding", equalTo(0));
        assertThat(count("SELECT count(*) FROM events WHERE event_type = 'PledgeRejected'"
                + " AND payload->>'needId' = $1 AND payload->>'reason' = 'NEED_NOT_OPEN'", needId.toString()))
                .isEqualTo(1);
    }

    @Test
    void a_closed_or_expired_need_releases_what_is_only_reserved() {
        UUID closedNeed = need(100).needId();
        String reserved = pledge(donor, closedNeed, 30, null).statusCode(201).extract().path("id");
        feed().publish(closedNeed, new NeedClosed(closedNeed, 100, 30, 0));

        UUID expiredNeed = need(100).needId();
        String confirmed = pledge(donor, expiredNeed, 40, null).statusCode(201).extract().path("id");
        as(donor).body("{\"method\": \"DROP_OFF\", \"eta\": \"%s\"}".formatted(
                        Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)))
                .post("/api/v1/pledges/" + confirmed + "/confirm").then().statusCode(200);
        feed().publish(expiredNeed, new NeedExpired(expiredNeed, ExpiryReason.PAST_NEEDED_BY, 40));

        await().atMost(Duration.ofSeconds(30)).until(() -> "EXPIRED".equals(capacity(expiredNeed).getString("status"))
                && "CLOSED".equals(capacity(closedNeed).getString("status")));
        as(donor).get("/api/v1/pledges/" + reserved).then().body("status", equalTo("CANCELLED"))
                .body("cancelledBy", equalTo("NEED_CLOSED"));
        as(donor).get("/api/v1/pledges/" + confirmed).then().body("status", equalTo("CANCELLED"))
                .body("cancelledBy", equalTo("NEED_EXPIRED")).body("released", equalTo(40));
        assertThat(capacity(closedNeed).getInteger("reserved")).isZero();
        assertThat(capacity(expiredNeed).getInteger("reserved")).isZero();
    }
}
