package org.lifeline.campaigns.application;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lifeline.campaigns.CampaignsTopic;
import org.lifeline.campaigns.MovableClock;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The freshness sweep with a moved clock: 24 h unconfirmed is stale, 72 h or past needed-by is expired. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "campaigns"),
        @ResourceArg(name = "kafka", value = "true")})
class NeedFreshnessSweepTest {

    private static final String NEED = """
            {"sector": "SHL", "item": "Family tents", "unit": "piece", "quantity": 80, "urgency": "CRITICAL",
             "site": {"name": "Beichuan middle school", "lat": 31.83, "lon": 104.45, "privacy": "APPROXIMATE"}%s}""";

    @Inject
    NeedFreshnessSweep sweep;

    @Inject
    MovableClock clock;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final UUID org = UUID.randomUUID();
    private final String coordinator = TestTokens.coordinator(UUID.randomUUID(), org);

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    private RequestSpecification asCoordinator() {
        return given().auth().oauth2(coordinator).contentType(ContentType.JSON);
    }

    private String postNeed(String extra) {
        String campaignId = asCoordinator().body("""
                {"organisationId": "%s", "title": "Beichuan aftershocks", "kind": "EARTHQUAKE", "region": "Sichuan",
                 "location": {"lat": 31.83, "lon": 104.45}}""".formatted(org))
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
        return asCoordinator().body(NEED.formatted(extra)).post("/api/v1/campaigns/" + campaignId + "/needs")
                .then().statusCode(201).extract().path("id");
    }

    private int sweepNow() {
        return sweep.sweep().await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void a_need_unconfirmed_for_25_hours_is_shown_stale_and_the_topic_is_told() {
        String id = postNeed("");
        clock.move(Duration.ofHours(23));
        sweepNow();
        given().get("/api/v1/needs/" + id).then().body("stale", equalTo(false)).body("version", equalTo(1));

        clock.move(Duration.ofHours(2));
        assertThat(sweepNow()).isGreaterThanOrEqualTo(1);
        given().get("/api/v1/needs/" + id).then().statusCode(200)
                .body("stale", equalTo(true)).body("status", equalTo("OPEN")).body("version", equalTo(2))
                .header("ETag", equalTo("\"2\""));

        ConsumerRecord<String, String> record = CampaignsTopic.firstRecordOfType(bootstrap, id,
                "org.lifeline.need.NeedMarkedStale.v1");
        assertThat(record.value()).contains("\"needId\":\"" + id + "\"").contains("\"lastConfirmedAt\":");
        assertThat(CampaignsTopic.header(record, "ce_actor")).isEqualTo("system:campaigns-service");
        assertThat(UUID.fromString(CampaignsTopic.header(record, "ce_correlationid"))).isNotNull();

        // A second sweep at the same moment finds nothing more to do for it.
        sweepNow();
        given().get("/api/v1/needs/" + id).then().body("version", equalTo(2));
    }

    @Test
    void a_need_unconfirmed_for_73_hours_expires() {
        String id = postNeed("");
        clock.move(Duration.ofHours(73));
        sweepNow();

        given().get("/api/v1/needs/" + id).then().statusCode(200).body("status", equalTo("EXPIRED"));
        ConsumerRecord<String, String> record = CampaignsTopic.firstRecordOfType(bootstrap, id,
                "org.lifeline.need.NeedExpired.v1");
        assertThat(record.value()).contains("\"reason\":\"UNCONFIRMED\"").contains("\"reserved\":0");
        assertThat(CampaignsTopic.header(record, "ce_actor")).isEqualTo("system:campaigns-service");

        // An expired need takes no reconfirmation, and later sweeps leave it alone.
        asCoordinator().post("/api/v1/needs/" + id + "/reconfirm").then().statusCode(422);
        int version = given().get("/api/v1/needs/" + id).then().extract().path("version");
        clock.move(Duration.ofHours(100));
        sweepNow();
        given().get("/api/v1/needs/" + id).then().body("status", equalTo("EXPIRED")).body("version", equalTo(version));
    }

    @Test
    void a_reconfirmation_restarts_the_count() {
        String reconfirmed = postNeed("");
        String forgotten = postNeed("");
        clock.move(Duration.ofHours(25));
        sweepNow();
        given().get("/api/v1/needs/" + reconfirmed).then().body("stale", equalTo(true));

        asCoordinator().post("/api/v1/needs/" + reconfirmed + "/reconfirm").then().statusCode(200)
                .body("stale", equalTo(false));
        given().get("/api/v1/needs/" + reconfirmed).then().body("stale", equalTo(false));

        // 73 h after posting, 48 h after the reconfirmation: stale again, but not expired.
        clock.move(Duration.ofHours(48));
        sweepNow();
        given().get("/api/v1/needs/" + reconfirmed).then().body("status", equalTo("OPEN")).body("stale", equalTo(true));
        given().get("/api/v1/needs/" + forgotten).then().body("status", equalTo("EXPIRED"));
    }

    @Test
    void a_need_past_its_needed_by_date_expires() {
        String neededBy = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String id = postNeed(", \"neededBy\": \"" + neededBy + "\"");
        clock.move(Duration.ofHours(1));
        sweepNow();
        given().get("/api/v1/needs/" + id).then().body("status", equalTo("OPEN")).body("stale", equalTo(false));

        clock.move(Duration.ofHours(2));
        sweepNow();
        given().get("/api/v1/needs/" + id).then().statusCode(200).body("status", equalTo("EXPIRED"))
                .body("neededBy", equalTo(neededBy));
        ConsumerRecord<String, String> record = CampaignsTopic.firstRecordOfType(bootstrap, id,
                "org.lifeline.need.NeedExpired.v1");
        assertThat(record.value()).contains("\"reason\":\"PAST_NEEDED_BY\"");
    }
}
