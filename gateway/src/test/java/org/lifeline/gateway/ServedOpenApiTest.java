package org.lifeline.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.lifeline.testing.LifelineTestResource;
import org.yaml.snakeyaml.Yaml;

/** The running gateway serves META-INF/openapi.yaml at /q/openapi, and only the public API. */
@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "gateway"),
        @ResourceArg(name = "kafka", value = "false")})
class ServedOpenApiTest {

    @Test
    void the_json_document_is_the_public_api_without_internal_endpoints() {
        String body = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .contentType(containsString("application/json"))
                .extract().asString();
        JsonPath json = JsonPath.from(body);
        Map<String, Object> paths = json.getMap("paths");

        assertThat(json.getString("openapi")).startsWith("3.1");
        assertThat(json.getString("info.title")).isEqualTo("Lifeline gateway");
        assertThat(json.getList("servers.url")).containsExactly("http://localhost:8080");
        assertThat(paths).containsKeys(
                "/api/v1/auth/register", "/api/v1/auth/token", "/api/v1/organisations",
                "/api/v1/campaigns", "/api/v1/needs/{needId}", "/api/v1/pledges",
                "/api/v1/pledges/{pledgeId}/confirm", "/api/v1/donations",
                "/api/v1/campaigns/{campaignId}/match-pools", "/api/v1/offers/{offerId}/matches",
                "/api/v1/feed/needs", "/api/v1/feed/stream", "/api/v1/feed/needs/export.csv",
                "/api/v1/me/gifts/{giftId}/trail", "/api/v1/partners/me/webhooks/{webhookId}/redeliver",
                "/q/health/ready", "/q/openapi",
                // Additions recorded in CHANGELOG.md.
                "/api/v1/accounts/{accountId}", "/.well-known/jwks.json",
                "/api/v1/organisations/{orgId}", "/api/v1/me/donations");
        // The 41 paths of docs/api.md and the changelog's 11 additions.
        assertThat(paths).hasSize(52);
        assertThat(paths.keySet()).noneMatch(path -> path.startsWith("/internal") || path.startsWith("/test"));
        assertThat(body).doesNotContain("/internal/ping");
        assertThat(json.getMap("components.securitySchemes")).containsOnlyKeys("bearerAuth", "partnerApiKey");
        assertThat(json.getString("paths.'/api/v1/needs/{needId}'.patch.operationId")).isEqualTo("reviseNeed");
    }

    @Test
    void the_served_document_is_exactly_the_static_file() throws Exception {
        String served = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        Object expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/openapi.yaml")) {
            expected = new Yaml().load(in);
        }

        assertThat(normalised(new ObjectMapper().readValue(served, Object.class))).isEqualTo(normalised(expected));
    }

    /** Numbers compared by value (1.0 and 1 are the same), maps and lists element by element. */
    private static Object normalised(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new TreeMap<>();
            map.forEach((key, item) -> result.put(String.valueOf(key), normalised(item)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ServedOpenApiTest::normalised).toList();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        return value;
    }

    @Test
    void the_yaml_document_is_served_too() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("openapi: 3.1.0"))
                .body(containsString("/api/v1/feed/stream:"))
                .body(not(containsString("/internal/ping")));
    }

    @Test
    void swagger_ui_is_served() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .body(containsString("swagger"));
        given().redirects().follow(false).when().get("/q/swagger-ui")
                .then().statusCode(anyOf(equalTo(200), equalTo(301), equalTo(302)));
    }
}
