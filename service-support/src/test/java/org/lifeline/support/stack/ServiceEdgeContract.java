package org.lifeline.support.stack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lifeline.testing.EmbeddedPostgres;
import org.lifeline.testing.TestInfra;

/**
 * What every Lifeline app does with input it cannot take, at its own edge (callers may reach it without the gateway):
 * text PostgreSQL cannot store, numbers that are not what the contract says, requests the HTTP layer refuses, bodies
 * over the cap, and a database that is down. Each answer is an RFC 9457 problem, never a 5xx other than the 503.
 */
public abstract class ServiceEdgeContract {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String SITE = "\"site\": {\"name\": \"Field clinic\", \"lat\": 10}";
    /** Bounds every call of the database test: an answer that does not come is the hang this contract forbids. */
    private static final RestAssuredConfig BOUNDED = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 30_000)
            .setParam("http.socket.timeout", 30_000));

    /**
     * Sends a request that the app answers from its own database, below 500 while the database is up (such as a
     * read of an unknown id, 404).
     */
    protected abstract Response readFromTheDatabase(RestAssuredConfig config);

    // ----- text PostgreSQL cannot store -----

    @Test
    void a_nul_character_in_a_body_field_is_a_400_problem_naming_the_field() {
        given().contentType(ContentType.JSON).body("""
                        {"quantity": 1, "site": {"name": "Field\\u0000clinic", "lat": 10}}""")
                .when().post("/test/probe")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("errors.field", equalTo(List.of("site.name")))
                .body("errors.message", everyItem(containsString("cannot be stored")));
    }

    @Test
    void an_unpaired_surrogate_in_a_list_of_texts_is_a_400_problem_naming_the_element() {
        given().contentType(ContentType.JSON).body("{\"quantity\": 1, " + SITE + ", \"tags\": [\"water\", \"\\ud83d\"]}")
                .when().post("/test/probe")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", equalTo(List.of("tags[1]")));
    }

    @Test
    void a_nul_character_in_a_query_parameter_is_a_400_problem_naming_it() {
        given().urlEncodingEnabled(false).when().get("/api/v1/nowhere?status=OPEN&item=rice%00")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .header("X-Request-Id", notNullValue())
                .body("status", equalTo(400))
                .body("errors.field", equalTo(List.of("item")));
    }

    @Test
    void a_nul_character_in_the_path_is_a_400_problem() {
        given().urlEncodingEnabled(false).when().get("/api/v1/needs/%00")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(400))
                .body("detail", containsString("path"));
    }

    // ----- integers only where the contract says integer -----

    @Test
    void a_fractional_number_for_an_integer_field_is_a_400_problem_naming_the_field() {
        given().contentType(ContentType.JSON).body("{\"quantity\": 1.5, " + SITE + "}")
                .when().post("/test/probe")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", equalTo(List.of("quantity")))
                .body("errors.message", equalTo(List.of("must be an integer")));
        given().contentType(ContentType.JSON).body("{\"quantity\": 1, " + SITE + ", \"amount\": 150.5}")
                .when().post("/test/probe")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("amount")));
        given().contentType(ContentType.JSON).body("{\"quantity\": 2.0, " + SITE + "}")
                .when().post("/test/probe")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("quantity")));
    }

    @Test
    void a_numeric_string_for_an_integer_field_is_a_400_problem_naming_the_field() {
        given().contentType(ContentType.JSON).body("{\"quantity\": \"2\", " + SITE + "}")
                .when().post("/test/probe")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", equalTo(List.of("quantity")))
                .body("errors.message", equalTo(List.of("must be an integer")));
        given().contentType(ContentType.JSON).body("{\"quantity\": 1, " + SITE + ", \"amount\": \"150\"}")
                .when().post("/test/probe")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("amount")));
    }

    @Test
    void a_number_for_a_code_is_a_400_problem_naming_the_field() {
        given().contentType(ContentType.JSON).body("{\"quantity\": 1, " + SITE + ", \"urgency\": 0}")
                .when().post("/test/probe")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", equalTo(List.of("urgency")));
    }

    @Test
    void a_decimal_field_takes_whole_and_fractional_numbers() {
        for (String ratio : List.of("1.0", "1.5", "2")) {
            double echoed = given().contentType(ContentType.JSON)
                    .body("{\"quantity\": 3, " + SITE + ", \"amount\": 5000, \"ratio\": " + ratio + "}")
                    .when().post("/test/probe")
                    .then().statusCode(200)
                    .body("quantity", equalTo(3))
                    .body("amount", equalTo(5000))
                    .extract().jsonPath().getDouble("ratio");
            assertThat(echoed).isEqualTo(Double.parseDouble(ratio));
        }
    }

    // ----- requests the HTTP layer refuses, and the body cap -----

    @Test
    void a_body_over_the_cap_is_a_413_problem() {
        String oversized = "{\"quantity\": 1, " + SITE + ", \"tags\": [\"" + "a".repeat(1_100_000) + "\"]}";

        given().contentType(ContentType.JSON).body(oversized)
                .when().post("/test/probe")
                .then().statusCode(413)
                .contentType(PROBLEM_JSON)
                .header("X-Request-Id", notNullValue())
                .body("status", equalTo(413));
    }

    /*
     * A chunked body declares no length: the REST layer counts it while reading and, past the cap, answers 413 itself
     * with an empty body and closes the connection (Quarkus REST writes that response directly; no hook sees it).
     */
    @Test
    void a_chunked_body_over_the_cap_is_refused_with_a_413() {
        String oversized = "{\"quantity\": 1, " + SITE + ", \"tags\": [\"" + "a".repeat(1_100_000) + "\"]}";

        RawHttp.Answer answer = RawHttp.sendChunked(RestAssured.port,
                "POST /test/probe HTTP/1.1\r\nContent-Type: application/json", oversized);

        assertThat(answer.status()).as("status of %s", answer).isEqualTo(413);
        assertThat(answer.header("Connection")).as("connection of %s", answer).isEqualTo("close");
    }

    @Test
    void a_body_just_under_the_cap_is_read() {
        String large = "{\"quantity\": 1, " + SITE + ", \"tags\": [\"" + "a".repeat(1_000_000) + "\"]}";

        given().contentType(ContentType.JSON).body(large)
                .when().post("/test/probe")
                .then().statusCode(200)
                .body("quantity", equalTo(1));
    }

    // ----- request targets that are not URIs: checked by the edge filter with the parser Quarkus would use -----

    @Test
    void a_malformed_percent_escape_in_the_path_is_a_400_problem() {
        assertMalformedUri(RawHttp.send(RestAssured.port, "GET /api/v1/needs/%ZZ HTTP/1.1"));
    }

    @Test
    void a_uri_template_in_the_path_is_a_400_problem() {
        assertMalformedUri(RawHttp.send(RestAssured.port, "GET /api/v1/needs/{id} HTTP/1.1"));
    }

    /*
     * A header the HTTP decoder refuses never reaches a Lifeline handler: Vert.x answers it with a bare 400 and closes
     * the connection (Quarkus does not expose Vert.x's invalidRequestHandler). This pins that it stays a 400.
     */

    @Test
    void a_control_character_in_a_header_is_refused_with_a_400() {
        assertRefusedBeforeAnyRoute(RawHttp.send(RestAssured.port, "GET /q/health/live HTTP/1.1\r\nX-Note: a\u0001b"));
    }

    @Test
    void a_uri_over_8_kb_is_a_414_problem() {
        given().urlEncodingEnabled(false).when().get("/api/v1/nowhere?item=" + "a".repeat(9 * 1024))
                .then().statusCode(414)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(414));
    }

    @Test
    void headers_over_the_limit_are_a_431_problem() {
        given().header("X-Padding", "a".repeat(30 * 1024)).when().get("/q/health/live")
                .then().statusCode(431)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(431));
    }

    // ----- failures of routes outside the REST layer -----

    @Test
    void a_route_that_fails_with_a_status_answers_a_problem_of_that_status() {
        given().when().get("/test/probe-route/conflict")
                .then().statusCode(409)
                .contentType(PROBLEM_JSON)
                .header("X-Request-Id", notNullValue())
                .body("status", equalTo(409))
                .body("title", equalTo("Conflict"));
    }

    @Test
    void a_route_that_throws_answers_a_500_problem_without_a_stack_trace() {
        given().when().get("/test/probe-route/bug")
                .then().statusCode(500)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(500))
                .body("detail", not(containsString("bug")))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void a_route_whose_dependency_is_down_answers_503_with_retry_after() {
        given().when().get("/test/probe-route/outage")
                .then().statusCode(503)
                .contentType(PROBLEM_JSON)
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503));
    }

    // ----- a dependency down -----

    @Test
    void while_the_database_is_down_requests_answer_503_with_retry_after_and_recover() {
        Optional<EmbeddedPostgres> embedded = TestInfra.embeddedPostgres();
        assumeTrue(embedded.isPresent(), "PostgreSQL is not embedded: it cannot be stopped here");
        EmbeddedPostgres postgres = embedded.get();
        readFromTheDatabase(BOUNDED).then().statusCode(lessThan(500));

        postgres.stop();
        try {
            // The first call meets the pooled connections that the stop closed, the later ones a refused connect.
            for (int call = 0; call < 5; call++) {
                readFromTheDatabase(BOUNDED).then().statusCode(503)
                        .contentType(PROBLEM_JSON)
                        .header("Retry-After", notNullValue())
                        .body("status", equalTo(503))
                        .body("detail", not(containsString("Exception")));
            }
        } finally {
            postgres.restart();
            // Back to serving before the next test, whatever happened above.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> given().config(BOUNDED).get("/q/health/ready").then().statusCode(200));
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> readFromTheDatabase(BOUNDED).then().statusCode(lessThan(500)));
    }

    /** A 400 problem of the edge filter, with a request id. */
    private static void assertMalformedUri(RawHttp.Answer answer) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(400);
        assertThat(answer.header("Content-Type")).as("type of %s", answer).startsWith(PROBLEM_JSON);
        assertThat(answer.header("X-Request-Id")).as("request id of %s", answer).isNotNull();
        assertThat(answer.body()).contains("/problems/malformed-uri", "\"status\":400");
    }

    /** A 400 from the HTTP layer: no route ran, so no request id was given and nothing was served. */
    private static void assertRefusedBeforeAnyRoute(RawHttp.Answer answer) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(400);
        assertThat(answer.header("X-Request-Id")).as("request id of %s", answer).isNull();
        assertThat(answer.body()).isEmpty();
    }
}
