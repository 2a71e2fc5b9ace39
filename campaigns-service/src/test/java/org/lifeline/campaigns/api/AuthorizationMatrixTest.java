package org.lifeline.campaigns.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Who may write: every write endpoint against every kind of caller. Coordinators write for their own
 * organisation, admins for any; a refused write changes nothing. Reads are public.
 */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "campaigns"),
        @ResourceArg(name = "kafka", value = "true")})
class AuthorizationMatrixTest {

    private static final String PROBLEM = "application/problem+json";

    /** A campaign with one need, both of {@code org}. */
    record Target(UUID org, String campaignId, String needId) { }

    enum Caller {
        ANONYMOUS(401), DONOR(403), COORDINATOR_OF_ANOTHER_ORGANISATION(403), COORDINATOR(0), ADMIN(0);

        /** The status every write answers this caller; 0 for "allowed". */
        final int refusal;

        Caller(int refusal) {
            this.refusal = refusal;
        }

        RequestSpecification request(UUID org) {
            RequestSpecification request = given().contentType(ContentType.JSON);
            return switch (this) {
                case ANONYMOUS -> request;
                case DONOR -> request.auth().oauth2(TestTokens.donor(UUID.randomUUID()));
                case COORDINATOR_OF_ANOTHER_ORGANISATION ->
                        request.auth().oauth2(TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID()));
                case COORDINATOR -> request.auth().oauth2(TestTokens.coordinator(UUID.randomUUID(), org));
                case ADMIN -> request.auth().oauth2(TestTokens.admin(UUID.randomUUID()));
            };
        }
    }

    enum Write {
        OPEN_CAMPAIGN(201), PUBLISH_POST(201), POST_NEED(201), CLOSE_CAMPAIGN(200), REVISE_NEED(200),
        RECONFIRM_NEED(200), CLOSE_NEED(200);

        final int success;

        Write(int success) {
            this.success = success;
        }

        Response send(RequestSpecification request, Target target) {
            return switch (this) {
                case OPEN_CAMPAIGN -> request.body(campaign(target.org())).post("/api/v1/campaigns");
                case PUBLISH_POST -> request.body("{\"text\": \"Aftershock at dawn, no new damage\"}")
                        .post("/api/v1/campaigns/" + target.campaignId() + "/posts");
                case POST_NEED -> request.body(NEED).post("/api/v1/campaigns/" + target.campaignId() + "/needs");
                case CLOSE_CAMPAIGN -> request.post("/api/v1/campaigns/" + target.campaignId() + "/close");
                case REVISE_NEED -> request.body("{\"quantity\": 40, \"urgency\": \"HIGH\"}")
                        .patch("/api/v1/needs/" + target.needId());
                case RECONFIRM_NEED -> request.post("/api/v1/needs/" + target.needId() + "/reconfirm");
                case CLOSE_NEED -> request.body("{\"reason\": \"CANCELLED\"}")
                        .post("/api/v1/needs/" + target.needId() + "/close");
            };
        }
    }

    private static final String NEED = """
            {"sector": "FSC", "item": "Rice", "unit": "kg", "quantity": 50, "urgency": "MEDIUM",
             "site": {"name": "Yingxiu shelter", "lat": 31.06, "lon": 103.49, "privacy": "EXACT"}}""";

    @Inject
    Pool pool;

    static Stream<Arguments> everyWriteByEveryCaller() {
        return Arrays.stream(Write.values())
                .flatMap(write -> Arrays.stream(Caller.values()).map(caller -> Arguments.of(write, caller)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("everyWriteByEveryCaller")
    void only_coordinators_of_the_organisation_and_admins_write(Write write, Caller caller) {
        Target target = target();
        long before = footprint(target);

        Response response = write.send(caller.request(target.org()), target);

        if (caller.refusal == 0) {
            response.then().statusCode(write.success);
            assertThat(footprint(target)).as("what the write left").isGreaterThan(before);
        } else {
            response.then().statusCode(caller.refusal).contentType(PROBLEM);
            assertThat(footprint(target)).as("a refused write changes nothing").isEqualTo(before);
        }
    }

    @Test
    void anyone_reads_campaigns_and_needs() {
        Target target = target();
        given().get("/api/v1/campaigns/" + target.campaignId()).then().statusCode(200)
                .body("id", equalTo(target.campaignId()));
        given().get("/api/v1/campaigns").then().statusCode(200);
        given().get("/api/v1/needs/" + target.needId()).then().statusCode(200).body("id", equalTo(target.needId()));
        given().auth().oauth2(TestTokens.donor(UUID.randomUUID())).get("/api/v1/needs/" + target.needId()).then()
                .statusCode(200);
    }

    private static String campaign(UUID org) {
        return """
                {"organisationId": "%s", "title": "Wenchuan landslides", "kind": "OTHER", "region": "Aba",
                 "location": {"lat": 31.06, "lon": 103.49}}""".formatted(org);
    }

    private static Target target() {
        UUID org = UUID.randomUUID();
        RequestSpecification coordinator = given().auth().oauth2(TestTokens.coordinator(UUID.randomUUID(), org))
                .contentType(ContentType.JSON);
        String campaignId = coordinator.body(campaign(org)).post("/api/v1/campaigns").then().statusCode(201)
                .extract().path("id");
        String needId = coordinator.body(NEED).post("/api/v1/campaigns/" + campaignId + "/needs").then()
                .statusCode(201).extract().path("id");
        return new Target(org, campaignId, needId);
    }

    /** Everything a write could leave: events of the campaign and need, campaigns of the organisation, needs of the campaign. */
    private long footprint(Target target) {
        return pool.preparedQuery("SELECT (SELECT count(*) FROM events WHERE stream_id = ANY($1))"
                        + " + (SELECT count(*) FROM campaigns WHERE organisation_id = $2)"
                        + " + (SELECT count(*) FROM needs WHERE campaign_id = $3) AS n")
                .execute(Tuple.of(new String[] {target.campaignId(), target.needId()}, target.org(),
                        UUID.fromString(target.campaignId())))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }
}
