package org.lifeline.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

/** The gateway's own reads: organisations, their coordinators and partners, against a real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "gateway"),
        @ResourceArg(name = "kafka", value = "false")})
class IdentityReadsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String PASSWORD = "coordinating password";

    @Test
    void an_admin_lists_every_organisation_newest_first_page_by_page() {
        String admin = adminToken();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(organisation(admin, "Listed organisation " + i));
        }

        ExtractableResponse<Response> first = given().auth().oauth2(admin).header("X-Request-Id", "orgs-page-1")
                .get("/api/v1/organisations?limit=2")
                .then().statusCode(200).header("X-Request-Id", "orgs-page-1")
                .body("items.id", equalTo(List.of(ids.get(2), ids.get(1))))
                .body("items.name", equalTo(List.of("Listed organisation 3", "Listed organisation 2")))
                .body("nextCursor", notNullValue())
                .extract();
        ExtractableResponse<Response> second = given().auth().oauth2(admin)
                .get("/api/v1/organisations?limit=2&cursor=" + first.path("nextCursor"))
                .then().statusCode(200).extract();
        assertThat(second.jsonPath().getList("items.id", String.class)).startsWith(ids.get(0));
        assertThat(first.jsonPath().getMap("items[0]")).containsOnlyKeys("id", "name", "createdAt");

        // One organisation reads as it is listed.
        Map<String, Object> one = given().auth().oauth2(admin).get("/api/v1/organisations/" + ids.get(2))
                .then().statusCode(200).extract().jsonPath().getMap("$");
        assertThat(one).isEqualTo(first.jsonPath().getMap("items[0]"));
        given().auth().oauth2(admin).get("/api/v1/organisations/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void a_coordinator_lists_and_reads_only_the_organisations_it_coordinates() {
        String admin = adminToken();
        String mine = organisation(admin, "Coordinated relief");
        String alsoMine = organisation(admin, "Coordinated logistics");
        String other = organisation(admin, "Someone else's relief");
        String email = uniqueEmail("Lists");
        register(email, "Lin");
        grant(admin, mine, email);
        grant(admin, alsoMine, email);
        String coordinator = token(email);

        given().auth().oauth2(coordinator).get("/api/v1/organisations")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(alsoMine, mine)))
                .body("nextCursor", nullValue());
        ExtractableResponse<Response> page = given().auth().oauth2(coordinator).get("/api/v1/organisations?limit=1")
                .then().statusCode(200).body("items.id", equalTo(List.of(alsoMine))).extract();
        given().auth().oauth2(coordinator).get("/api/v1/organisations?limit=1&cursor=" + page.path("nextCursor"))
                .then().statusCode(200).body("items.id", equalTo(List.of(mine))).body("nextCursor", nullValue());
        given().auth().oauth2(coordinator).get("/api/v1/organisations/" + mine)
                .then().statusCode(200).body("id", equalTo(mine)).body("name", equalTo("Coordinated relief"));

        // Another organisation, known or not, is 403: a coordinator learns nothing of organisations it is not in.
        given().auth().oauth2(coordinator).get("/api/v1/organisations/" + other).then().statusCode(403)
                .contentType(PROBLEM);
        given().auth().oauth2(coordinator).get("/api/v1/organisations/" + UUID.randomUUID()).then().statusCode(403)
                .contentType(PROBLEM);
        // Its coordinators (with their emails) are for admins only.
        given().auth().oauth2(coordinator).get("/api/v1/organisations/" + mine + "/coordinators").then()
                .statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(coordinator).get("/api/v1/partners").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void donors_and_anonymous_callers_read_no_organisations_coordinators_or_partners() {
        String donor = TestTokens.donor(UUID.randomUUID());
        String organisation = organisation(adminToken(), "Hidden relief");
        for (String path : List.of("/api/v1/organisations", "/api/v1/organisations/" + organisation,
                "/api/v1/organisations/" + organisation + "/coordinators", "/api/v1/partners")) {
            given().auth().oauth2(donor).get(path).then().statusCode(403).contentType(PROBLEM);
            given().get(path).then().statusCode(401).contentType(PROBLEM);
        }
    }

    @Test
    void an_admin_lists_an_organisations_coordinators_with_their_emails_the_latest_first() {
        String admin = adminToken();
        String organisation = organisation(admin, "Coordinated shelter");
        List<String> emails = new ArrayList<>();
        List<String> accountIds = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String email = uniqueEmail("Coordinator" + i);
            emails.add(email);
            accountIds.add(register(email, "Coordinator " + i));
            grant(admin, organisation, email);
        }
        String path = "/api/v1/organisations/" + organisation + "/coordinators";

        ExtractableResponse<Response> first = given().auth().oauth2(admin).get(path + "?limit=2")
                .then().statusCode(200)
                .body("items.accountId", equalTo(List.of(accountIds.get(2), accountIds.get(1))))
                .body("items.email", equalTo(List.of(emails.get(2), emails.get(1))))
                .body("items.displayName", equalTo(List.of("Coordinator 3", "Coordinator 2")))
                .body("nextCursor", notNullValue())
                .extract();
        assertThat(first.jsonPath().getMap("items[0]")).containsOnlyKeys("accountId", "email", "displayName",
                "grantedAt");
        given().auth().oauth2(admin).get(path + "?limit=2&cursor=" + first.path("nextCursor"))
                .then().statusCode(200)
                .body("items.accountId", equalTo(List.of(accountIds.get(0))))
                .body("nextCursor", nullValue());
        given().auth().oauth2(admin).get("/api/v1/organisations/" + organisation(admin, "Nobody here") + "/coordinators")
                .then().statusCode(200).body("items", equalTo(List.of())).body("nextCursor", nullValue());
        given().auth().oauth2(admin).get("/api/v1/organisations/" + UUID.randomUUID() + "/coordinators")
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void an_admin_lists_partners_newest_first_with_their_revocation_and_never_a_key() {
        String admin = adminToken();
        String organisation = organisation(admin, "Partnered relief");
        List<String> ids = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ExtractableResponse<Response> created = given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("name", "Listed partner " + i, "organisationId", organisation,
                            "scopes", List.of("webhooks:manage", "feed:read")))
                    .post("/api/v1/partners").then().statusCode(201).extract();
            ids.add(created.path("id"));
            keys.add(created.path("apiKey"));
        }
        given().auth().oauth2(admin).delete("/api/v1/partners/" + ids.get(1) + "/key").then().statusCode(204);

        ExtractableResponse<Response> first = given().auth().oauth2(admin).get("/api/v1/partners?limit=2")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(ids.get(2), ids.get(1))))
                .body("items.name", equalTo(List.of("Listed partner 3", "Listed partner 2")))
                .body("items.organisationId", equalTo(List.of(organisation, organisation)))
                .body("items[0].scopes", equalTo(List.of("feed:read", "webhooks:manage")))
                .body("items.revoked", equalTo(List.of(false, true)))
                .body("items[0].revokedAt", nullValue())
                .body("items[1].revokedAt", notNullValue())
                .body("nextCursor", notNullValue())
                .extract();
        assertThat(first.jsonPath().getMap("items[0]")).containsOnlyKeys("id", "name", "organisationId", "scopes",
                "createdAt", "revoked", "revokedAt");
        ExtractableResponse<Response> second = given().auth().oauth2(admin)
                .get("/api/v1/partners?limit=2&cursor=" + first.path("nextCursor"))
                .then().statusCode(200).extract();
        assertThat(second.jsonPath().getList("items.id", String.class)).startsWith(ids.get(0));
        for (String key : keys) {
            assertThat(first.asString() + second.asString()).doesNotContain(key, key.substring(4));
        }
    }

    @Test
    void every_list_refuses_a_bad_limit_or_cursor_with_a_problem() {
        String admin = adminToken();
        String organisation = organisation(admin, "Paged relief");
        for (String path : List.of("/api/v1/organisations", "/api/v1/organisations/" + organisation + "/coordinators",
                "/api/v1/partners")) {
            for (String limit : List.of("0", "201", "-1")) {
                given().auth().oauth2(admin).get(path + "?limit=" + limit).then().statusCode(400).contentType(PROBLEM)
                        .body("errors.field", hasItems("limit"));
            }
            given().auth().oauth2(admin).get(path + "?cursor=nonsense").then().statusCode(400).contentType(PROBLEM)
                    .body("detail", equalTo("The cursor is not one this API gave."));
            given().auth().oauth2(admin).get(path + "?limit=200").then().statusCode(200);
        }
    }

    private static String organisation(String admin, String name) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
    }

    private static String register(String email, String name) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "displayName", name))
                .post("/api/v1/auth/register").then().statusCode(201).extract().path("id");
    }

    private static void grant(String admin, String organisation, String email) {
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("email", email))
                .post("/api/v1/organisations/" + organisation + "/coordinators").then().statusCode(200);
    }

    private static String token(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("accessToken");
    }

    private static String adminToken() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", IdentityTest.ADMIN_EMAIL, "password", IdentityTest.ADMIN_PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("accessToken");
    }

    private static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID() + "@example.org";
    }
}
