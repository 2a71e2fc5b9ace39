package org.lifeline.donations.application;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lifeline.donations.MovableClock;
import org.lifeline.donations.PledgeTestBase;
import org.lifeline.testing.LifelineTestResource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Holds that lapse and no-shows, with the service's clock moved forward. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "donations"),
        @ResourceArg(name = "kafka", value = "true")})
class PledgeTimersTest extends PledgeTestBase {

    @Inject
    MovableClock clock;

    @Inject
    PledgeTimers timers;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void an_unconfirmed_hold_expires_after_48_hours_and_releases_the_quantity() {
        UUID needId = need(100).needId();
        String held = pledge(donor, needId, 60, null).statusCode(201).extract().path("id");
        String confirmed = pledge(otherDonor, needId, 40, null).statusCode(201).extract().path("id");
        as(otherDonor).body("{\"method\": \"DROP_OFF\", \"eta\": \"%s\"}".formatted(
                        Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)))
                .post("/api/v1/pledges/" + confirmed + "/confirm").then().statusCode(200);

        clock.moveBy(Duration.ofHours(47));
        timers.sweep().await().atMost(Duration.ofSeconds(30));
        as(donor).get("/api/v1/pledges/" + held).then().body("status", equalTo("RESERVED"));

        clock.moveBy(Duration.ofHours(1).plusSeconds(1));
        assertThat(timers.sweep().await().atMost(Duration.ofSeconds(30))).isPositive();
        as(donor).get("/api/v1/pledges/" + held).then().body("status", equalTo("HOLD_EXPIRED"))
                .body("released", equalTo(60)).body("version", equalTo(2));
        as(otherDonor).get("/api/v1/pledges/" + confirmed).then().body("status", equalTo("CONFIRMED"));
        assertThat(capacity(needId).getInteger("reserved")).isEqualTo(40);
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1 AND event_type = 'PledgeHoldExpired'"
                + " AND actor = 'system:donations-service'", needId.toString())).isEqualTo(1);

        // A second sweep, as another instance's would be, changes nothing.
        timers.sweep().await().atMost(Duration.ofSeconds(30));
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1", needId.toString())).isEqualTo(4);
        as(donor).body("{\"method\": \"DROP_OFF\", \"eta\": \"%s\"}".formatted(
                        clock.instant().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)))
                .post("/api/v1/pledges/" + held + "/confirm").then().statusCode(422);
    }

    @Test
    void a_confirmed_pledge_not_dispatched_by_eta_plus_four_hours_is_a_no_show() {
        UUID needId = need(100).needId();
        String late = pledge(donor, needId, 30, null).statusCode(201).extract().path("id");
        String sent = pledge(otherDonor, needId, 20, null).statusCode(201).extract().path("id");
        Instant eta = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String confirm = "{\"method\": \"SHIPMENT\", \"eta\": \"%s\"}".formatted(eta);
        as(donor).body(confirm).post("/api/v1/pledges/" + late + "/confirm").then().statusCode(200);
        as(otherDonor).body(confirm).post("/api/v1/pledges/" + sent + "/confirm").then().statusCode(200);
        as(otherDonor).post("/api/v1/pledges/" + sent + "/dispatch").then().statusCode(200);

        clock.moveBy(Duration.ofHours(6).minusMinutes(1));
        timers.sweep().await().atMost(Duration.ofSeconds(30));
        as(donor).get("/api/v1/pledges/" + late).then().body("status", equalTo("CONFIRMED"));

        clock.moveBy(Duration.ofMinutes(2));
        timers.sweep().await().atMost(Duration.ofSeconds(30));
        as(donor).get("/api/v1/pledges/" + late).then().body("status", equalTo("NO_SHOW"))
                .body("released", equalTo(30));
        as(otherDonor).get("/api/v1/pledges/" + sent).then().body("status", equalTo("IN_TRANSIT"));
        assertThat(capacity(needId).getInteger("reserved")).isEqualTo(20);
        assertThat(count("SELECT count(*) FROM events WHERE stream_id = $1 AND event_type = 'PledgeNoShowMarked'"
                + " AND payload->>'eta' = $2", needId.toString(), eta.toString())).isEqualTo(1);
    }
}
