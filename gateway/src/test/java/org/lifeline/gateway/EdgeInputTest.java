package org.lifeline.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lifeline.testing.LifelineTestResource;

/**
 * The anonymous sign-in endpoints with input PostgreSQL cannot store or numbers where text belongs: a 400 problem
 * naming the field, nothing stored, never the 500 a NUL used to give.
 */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "gateway"),
        @ResourceArg(name = "kafka", value = "false")})
class EdgeInputTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void a_registration_with_a_nul_is_refused_naming_the_field_and_creates_no_account() {
        String email = "nul-" + UUID.randomUUID() + "@edge.test";

        given().contentType(ContentType.JSON)
                .body("{\"email\": \"" + email + "\", \"password\": \"a long enough password\", "
                        + "\"displayName\": \"Dana\\u0000Donor\"}")
                .post("/api/v1/auth/register")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", equalTo(List.of("displayName")));

        given().contentType(ContentType.JSON)
                .body("{\"email\": \"" + email + "\", \"password\": \"a long enough password\"}")
                .post("/api/v1/auth/token")
                .then().statusCode(401);
    }

    @Test
    void a_sign_in_with_a_nul_in_the_password_is_a_400_naming_it() {
        given().contentType(ContentType.JSON)
                .body("{\"email\": \"someone@edge.test\", \"password\": \"secret\\u0000\"}")
                .post("/api/v1/auth/token")
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", equalTo(List.of("password")));
    }
}
