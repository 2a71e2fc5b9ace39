package org.lifeline.campaigns.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

/**
 * Quantities are integers and texts storable, at the service's own edge: a need posted or revised with a fractional or
 * quoted quantity, or a NUL in a text, is a 400 problem naming the field, and no event is stored.
 */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "campaigns"),
        @ResourceArg(name = "kafka", value = "true")})
class NeedInputTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String NEED = """
            {"sector": "WSH", "item": "Water purification tablets", "unit": "box", "quantity": 500,
             "urgency": "HIGH", "site": {"name": "Wenchuan school", "lat": 31.47, "lon": 103.59, "privacy": "EXACT"}}""";

    @Inject
    Pool pool;

    private final UUID org = UUID.randomUUID();
    private final String coordinator = TestTokens.coordinator(UUID.randomUUID(), org);

    @Test
    void a_need_with_a_fractional_or_quoted_quantity_or_a_nul_is_refused_and_not_stored() {
        String campaignId = openCampaign();

        for (String body : List.of(NEED.replace("500", "1.5"), NEED.replace("500", "\"500\""))) {
            as(coordinator).body(body).post("/api/v1/campaigns/" + campaignId + "/needs")
                    .then().statusCode(400)
                    .contentType(PROBLEM)
                    .body("errors.field", equalTo(List.of("quantity")))
                    .body("errors.message", equalTo(List.of("must be an integer")));
        }
        as(coordinator).body(NEED.replace("Water purification", "Water\\u0000purification"))
                .post("/api/v1/campaigns/" + campaignId + "/needs")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("item")));

        assertThat(needsPostedIn(campaignId)).isZero();
        as(coordinator).body(NEED).post("/api/v1/campaigns/" + campaignId + "/needs").then().statusCode(201);
        assertThat(needsPostedIn(campaignId)).isOne();
    }

    @Test
    void a_revision_to_a_fractional_quantity_is_refused_and_the_need_keeps_its_quantity() {
        String needId = as(coordinator).body(NEED).post("/api/v1/campaigns/" + openCampaign() + "/needs")
                .then().statusCode(201).extract().path("id");

        as(coordinator).body("{\"quantity\": 1.5}").patch("/api/v1/needs/" + needId)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("quantity")));

        given().get("/api/v1/needs/" + needId).then().statusCode(200)
                .body("requested", equalTo(500))
                .body("version", equalTo(1));
    }

    private String openCampaign() {
        return as(coordinator).body("""
                {"organisationId": "%s", "title": "Sichuan earthquake", "kind": "EARTHQUAKE", "region": "Sichuan",
                 "location": {"lat": 30.66, "lon": 104.06}}""".formatted(org))
                .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private long needsPostedIn(String campaignId) {
        return pool.preparedQuery("SELECT count(*) AS posted FROM events WHERE event_type LIKE '%NeedPosted%' "
                        + "AND payload->>'campaignId' = $1")
                .execute(Tuple.of(campaignId)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong("posted");
    }
}
