package org.lifeline.support.stack;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lifeline.testing.TestTokens;

/**
 * What every Lifeline app shows once it runs: readiness with its dependencies, metrics, OpenAPI,
 * request ids, problem+json errors and JWT verification, and the edge of {@link ServiceEdgeContract}. Each app's
 * {@code @QuarkusTest} extends it.
 */
public abstract class ServiceStackContract extends ServiceEdgeContract {

    /** The readiness checks of the reactive and the JDBC (Flyway) datasource. */
    public static final List<String> DATABASE_CHECKS = List.of(
            "Reactive PostgreSQL connections health check", "Database connections health check");
    /** The database checks and the Kafka broker's. */
    public static final List<String> DATABASE_AND_KAFKA_CHECKS = List.of(
            "Reactive PostgreSQL connections health check", "Database connections health check",
            "Kafka connection health check");

    private static final UUID DONOR = UUID.randomUUID();

    /** The app's {@code lifeline.service-name}. */
    protected abstract String serviceName();

    /** The readiness checks the app must report, such as the database's. */
    protected abstract List<String> readinessChecks();

    @Test
    void readiness_is_up_and_reports_each_dependency() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(readinessChecks().toArray(String[]::new)))
                .body("checks.status", everyItem(equalTo("UP")));
    }

    @Test
    void liveness_is_up() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metrics_are_served_as_prometheus_text() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    void openapi_document_is_served() {
        given().accept(ContentType.JSON).when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", startsWith("3."))
                .body("info.title", equalTo("Lifeline " + serviceName()));
    }

    @Test
    void a_given_request_id_is_echoed() {
        given().header("X-Request-Id", "trace-me-42").when().get("/q/health/live")
                .then().header("X-Request-Id", equalTo("trace-me-42"));
    }

    @Test
    void a_missing_request_id_is_generated() {
        String id = given().when().get("/q/health/live").then().statusCode(200).extract().header("X-Request-Id");

        assertThat(UUID.fromString(id)).isNotNull();
    }

    @Test
    void an_unknown_path_is_a_404_problem_with_the_request_id() {
        given().header("X-Request-Id", "lost-1").when().get("/api/v1/nowhere")
                .then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .header("X-Request-Id", equalTo("lost-1"))
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Not Found"))
                .body("status", equalTo(404))
                .body("instance", equalTo("/api/v1/nowhere"));
    }

    @Test
    void ping_without_a_token_is_a_401_problem() {
        given().header("X-Request-Id", "anon-1").when().get("/internal/ping")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("X-Request-Id", equalTo("anon-1"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }

    @Test
    void ping_with_a_tampered_token_is_a_401_problem() {
        given().auth().oauth2(tampered(TestTokens.donor(DONOR))).when().get("/internal/ping")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(401));
    }

    @Test
    void ping_with_a_token_naming_another_signing_key_is_a_401_problem() {
        given().auth().oauth2(TestTokens.donorWithKeyId(DONOR, "another-key")).when().get("/internal/ping")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void ping_with_a_token_naming_no_signing_key_is_a_401_problem() {
        given().auth().oauth2(TestTokens.donorWithKeyId(DONOR, null)).when().get("/internal/ping")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void ping_with_an_expired_token_is_a_401_problem() {
        given().auth().oauth2(TestTokens.expired(DONOR, "donor")).when().get("/internal/ping")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(401));
    }

    @Test
    void ping_with_a_donor_token_names_the_donor() {
        given().auth().oauth2(TestTokens.donor(DONOR)).when().get("/internal/ping")
                .then().statusCode(200)
                .body("service", equalTo(serviceName()))
                .body("subject", equalTo(DONOR.toString()))
                .body("roles", equalTo(List.of("donor")))
                .body("organisations", equalTo(List.of()));
    }

    @Test
    void ping_with_a_coordinator_token_lists_the_organisations() {
        UUID coordinator = UUID.randomUUID();
        UUID organisation = UUID.randomUUID();

        given().auth().oauth2(TestTokens.coordinator(coordinator, organisation)).when().get("/internal/ping")
                .then().statusCode(200)
                .body("subject", equalTo(coordinator.toString()))
                .body("roles", hasItems("coordinator"))
                .body("organisations", equalTo(List.of(organisation.toString())));
    }

    @Test
    void ping_with_a_token_without_a_lifeline_role_is_a_403_problem() {
        String roleless = TestTokens.token(UUID.randomUUID(), Set.of(), List.of(), Duration.ofMinutes(5));

        given().auth().oauth2(roleless).when().get("/internal/ping")
                .then().statusCode(403)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Forbidden"))
                .body("status", equalTo(403));
    }

    @Test
    void an_invalid_body_is_a_400_problem_naming_each_field() {
        given().contentType(ContentType.JSON).body("""
                        {"quantity": 0, "site": {"name": "Field clinic", "lat": 91}}""")
                .when().post("/test/probe")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .header("X-Request-Id", notNullValue())
                .body("type", equalTo("https://lifeline.org/problems/validation"))
                .body("status", equalTo(400))
                .body("errors.field", equalTo(List.of("quantity", "site.lat")))
                .body("errors.message", everyItem(notNullValue()));
    }

    @Test
    void malformed_json_is_a_400_problem() {
        given().contentType(ContentType.JSON).body("{\"quantity\": 5, \"site\": ")
                .when().post("/test/probe")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("https://lifeline.org/problems/malformed-request"))
                .body("status", equalTo(400))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void a_field_of_the_wrong_type_is_a_400_problem_naming_the_field() {
        given().contentType(ContentType.JSON).body("""
                        {"quantity": "many", "site": {"name": "Field clinic", "lat": 10}}""")
                .when().post("/test/probe")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", equalTo(List.of("quantity")));
    }

    @Test
    void an_unknown_code_is_a_400_problem_listing_the_known_codes() {
        given().contentType(ContentType.JSON).body("""
                        {"quantity": 1, "site": {"name": "Field clinic", "lat": 10}, "urgency": "SOON"}""")
                .when().post("/test/probe")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", equalTo(List.of("urgency")))
                .body("errors.message", equalTo(List.of("must be one of CRITICAL, HIGH")));
    }

    @Test
    void a_body_of_the_wrong_content_type_is_a_415_problem() {
        given().contentType(ContentType.TEXT).body("quantity=5")
                .when().post("/test/probe")
                .then().statusCode(415)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(415));
    }

    /** The token with another subject in its payload and the original signature. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8);
        String forged = payload.replace(DONOR.toString(), UUID.randomUUID().toString());
        assertThat(forged).isNotEqualTo(payload);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(UTF_8))
                + "." + parts[2];
    }
}
