package org.lifeline.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the gateway serves at {@code /q/openapi} ({@code META-INF/openapi.yaml}):
 * valid, complete against docs/api.md, and consistent in ids, success and error responses.
 * A plain unit test: no application boot.
 */
class OpenApiDocumentTest {

    private static final String DOCUMENT = "META-INF/openapi.yaml";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Every path of docs/api.md, as written there (parameter names do not matter), and the changelog's additions. */
    private static final List<String> API_MD_PATHS = List.of(
            "/api/v1/auth/register",
            "/api/v1/auth/token",
            "/api/v1/organisations",
            "/api/v1/organisations/{orgId}/coordinators",
            "/api/v1/partners",
            "/api/v1/partners/{id}/key",
            "/api/v1/campaigns",
            "/api/v1/campaigns/{id}",
            "/api/v1/campaigns/{id}/close",
            "/api/v1/campaigns/{id}/posts",
            "/api/v1/campaigns/{id}/needs",
            "/api/v1/needs/{id}",
            "/api/v1/needs/{id}/reconfirm",
            "/api/v1/needs/{id}/close",
            "/api/v1/pledges",
            "/api/v1/pledges/{id}",
            "/api/v1/me/pledges",
            "/api/v1/pledges/{id}/confirm",
            "/api/v1/pledges/{id}/dispatch",
            "/api/v1/pledges/{id}/deliver",
            "/api/v1/pledges/{id}/cancel",
            "/api/v1/campaigns/{id}/match-pools",
            "/api/v1/match-pools/{id}",
            "/api/v1/donations",
            "/api/v1/donations/{id}/refund",
            "/api/v1/offers",
            "/api/v1/offers/{id}/matches",
            "/api/v1/offers/{id}/accept",
            "/api/v1/feed/needs",
            "/api/v1/feed/campaigns/{id}",
            "/api/v1/feed/stream",
            "/api/v1/feed/needs/export.csv",
            "/api/v1/me/gifts/{pledgeOrDonationId}/trail",
            "/api/v1/partners/me/webhooks",
            "/api/v1/partners/me/webhooks/{id}/dead-letters",
            "/api/v1/partners/me/webhooks/{id}/redeliver",
            "/q/health/live",
            "/q/health/ready",
            "/q/metrics",
            "/q/openapi",
            "/q/swagger-ui",
            // Additions recorded in CHANGELOG.md ("Added to the public API"), not yet in docs/api.md.
            "/api/v1/accounts/{id}",
            "/.well-known/jwks.json",
            "/api/v1/needs/{id}/pledges",
            "/api/v1/match-pools/{id}/close",
            "/api/v1/donations/{id}",
            "/api/v1/offers/{id}",
            "/api/v1/offers/{id}/withdraw",
            "/api/v1/feed/admin/rebuild",
            "/api/v1/partners/me/webhooks/{id}",
            // The web app's reads (issue 11), recorded in CHANGELOG.md.
            "/api/v1/organisations/{id}",
            "/api/v1/me/donations");

    /** Every method and path of docs/api.md, and the changelog's additions. */
    private static final List<String> API_MD_OPERATIONS = List.of(
            "POST /api/v1/auth/register", "POST /api/v1/auth/token",
            "POST /api/v1/organisations", "POST /api/v1/organisations/{}/coordinators",
            "POST /api/v1/partners", "DELETE /api/v1/partners/{}/key",
            "POST /api/v1/campaigns", "GET /api/v1/campaigns", "GET /api/v1/campaigns/{}",
            "POST /api/v1/campaigns/{}/close", "POST /api/v1/campaigns/{}/posts", "POST /api/v1/campaigns/{}/needs",
            "GET /api/v1/needs/{}", "PATCH /api/v1/needs/{}",
            "POST /api/v1/needs/{}/reconfirm", "POST /api/v1/needs/{}/close",
            "POST /api/v1/pledges", "GET /api/v1/pledges/{}", "GET /api/v1/me/pledges",
            "POST /api/v1/pledges/{}/confirm", "POST /api/v1/pledges/{}/dispatch",
            "POST /api/v1/pledges/{}/deliver", "POST /api/v1/pledges/{}/cancel",
            "POST /api/v1/campaigns/{}/match-pools", "GET /api/v1/match-pools/{}",
            "POST /api/v1/donations", "POST /api/v1/donations/{}/refund",
            "POST /api/v1/offers", "GET /api/v1/offers/{}/matches", "POST /api/v1/offers/{}/accept",
            "GET /api/v1/feed/needs", "GET /api/v1/feed/campaigns/{}", "GET /api/v1/feed/stream",
            "GET /api/v1/feed/needs/export.csv", "GET /api/v1/me/gifts/{}/trail",
            "POST /api/v1/partners/me/webhooks", "GET /api/v1/partners/me/webhooks/{}/dead-letters",
            "POST /api/v1/partners/me/webhooks/{}/redeliver",
            "GET /q/health/live", "GET /q/health/ready", "GET /q/metrics", "GET /q/openapi", "GET /q/swagger-ui",
            // Additions recorded in CHANGELOG.md ("Added to the public API"), not yet in docs/api.md.
            "GET /api/v1/accounts/{}", "GET /.well-known/jwks.json",
            "GET /api/v1/needs/{}/pledges", "POST /api/v1/match-pools/{}/close", "GET /api/v1/donations/{}",
            "GET /api/v1/offers/{}", "POST /api/v1/offers/{}/withdraw", "POST /api/v1/feed/admin/rebuild",
            "GET /api/v1/partners/me/webhooks", "GET /api/v1/partners/me/webhooks/{}",
            "DELETE /api/v1/partners/me/webhooks/{}",
            // The web app's reads (issue 11), recorded in CHANGELOG.md.
            "GET /api/v1/campaigns/{}/match-pools", "GET /api/v1/me/donations", "GET /api/v1/organisations",
            "GET /api/v1/organisations/{}", "GET /api/v1/organisations/{}/coordinators", "GET /api/v1/partners");

    /** POSTs that take no {@code Idempotency-Key}: a sign-in changes nothing, and each rebuild is meant to run. */
    private static final Set<String> POSTS_WITHOUT_IDEMPOTENCY_KEY =
            Set.of("/api/v1/auth/token", "/api/v1/feed/admin/rebuild");

    private static SwaggerParseResult result;
    private static OpenAPI api;

    @BeforeAll
    static void parse() throws IOException {
        String yaml;
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertThat(in).as(DOCUMENT + " on the classpath").isNotNull();
            yaml = new String(in.readAllBytes(), UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        result = new OpenAPIV3Parser().readContents(yaml, null, options);
        api = result.getOpenAPI();
    }

    @Test
    void the_document_parses_without_validation_messages() {
        assertThat(result.getMessages()).isEmpty();
        assertThat(api).isNotNull();
        assertThat(api.getOpenapi()).startsWith("3.1");
        assertThat(api.getInfo().getTitle()).isEqualTo("Lifeline gateway");
        assertThat(api.getServers()).extracting(s -> s.getUrl()).containsExactly("http://localhost:8080");
    }

    @Test
    void every_path_of_api_md_is_documented_and_nothing_else() {
        Set<String> documented = normalised(api.getPaths().keySet());

        assertThat(documented).containsExactlyInAnyOrderElementsOf(normalised(API_MD_PATHS));
        assertThat(api.getPaths().keySet()).noneMatch(path -> path.startsWith("/internal"));
    }

    @Test
    void every_operation_of_api_md_is_documented_and_nothing_else() {
        List<String> documented = new ArrayList<>();
        operations().forEach(op -> documented.add(op.method + " " + normalise(op.path)));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(API_MD_OPERATIONS);
    }

    @Test
    void every_operation_has_a_camel_case_id_a_2xx_response_and_problem_json_errors() {
        Set<String> ids = new TreeSet<>();
        for (Op op : operations()) {
            String where = op.method + " " + op.path;
            Operation operation = op.operation;
            assertThat(operation.getOperationId()).as(where).matches("[a-z][a-zA-Z0-9]*");
            assertThat(ids.add(operation.getOperationId())).as("unique id of " + where).isTrue();
            assertThat(operation.getTags()).as(where).hasSize(1);
            assertThat(operation.getResponses().keySet()).as(where).anyMatch(code -> code.startsWith("2"));
            operation.getResponses().forEach((code, given) -> {
                ApiResponse response = dereferenced(given);
                assertThat(response.getHeaders()).as(where + " " + code + " headers").containsKey("X-Request-Id");
                if (code.startsWith("4") || (code.startsWith("5") && op.path.startsWith("/api/"))) {
                    assertThat(response.getContent()).as(where + " " + code).containsOnlyKeys(PROBLEM_JSON);
                }
            });
        }
    }

    @Test
    void writes_take_an_idempotency_key_and_guarded_writes_an_if_match() {
        for (Op op : operations()) {
            String where = op.method + " " + op.path;
            Set<String> headers = headerNames(op.operation);
            if (op.method.equals("POST") && !POSTS_WITHOUT_IDEMPOTENCY_KEY.contains(op.path)) {
                assertThat(headers).as(where).contains("Idempotency-Key");
            }
            boolean transition = op.method.equals("PATCH")
                    || op.path.matches(".*/(close|reconfirm|confirm|dispatch|deliver|cancel|refund|withdraw)$");
            if (transition) {
                assertThat(headers).as(where).contains("If-Match");
                assertThat(op.operation.getResponses()).as(where).containsKey("409");
            }
        }
    }

    @Test
    void protected_operations_name_their_security_and_answer_401() {
        assertThat(api.getComponents().getSecuritySchemes()).containsOnlyKeys("bearerAuth", "partnerApiKey");
        for (Op op : operations()) {
            String where = op.method + " " + op.path;
            if (op.operation.getSecurity() != null && !op.operation.getSecurity().isEmpty()) {
                assertThat(op.operation.getResponses()).as(where).containsKeys("401", "403");
                assertThat(op.operation.getDescription()).as(where).containsAnyOf("Role", "Partner key");
            }
        }
    }

    @Test
    void the_stream_and_the_export_have_their_media_types() {
        ApiResponse stream = api.getPaths().get("/api/v1/feed/stream").getGet().getResponses().get("200");
        ApiResponse export = api.getPaths().get("/api/v1/feed/needs/export.csv").getGet().getResponses().get("200");

        assertThat(stream.getContent()).containsOnlyKeys("text/event-stream");
        assertThat(headerNames(api.getPaths().get("/api/v1/feed/stream").getGet())).contains("Last-Event-ID");
        assertThat(queryNames(api.getPaths().get("/api/v1/feed/stream").getGet())).contains("lastEventId");
        assertThat(export.getContent()).containsOnlyKeys("text/csv");
    }

    @Test
    void lists_take_a_limit_and_a_cursor_and_answer_a_next_cursor() {
        for (String path : List.of("/api/v1/me/pledges", "/api/v1/needs/{needId}/pledges", "/api/v1/feed/needs",
                "/api/v1/feed/campaigns/{campaignId}", "/api/v1/partners/me/webhooks",
                "/api/v1/partners/me/webhooks/{webhookId}/dead-letters", "/api/v1/campaigns",
                "/api/v1/campaigns/{campaignId}/match-pools", "/api/v1/me/donations", "/api/v1/organisations",
                "/api/v1/organisations/{orgId}/coordinators", "/api/v1/partners")) {
            Operation list = api.getPaths().get(path).getGet();
            assertThat(queryNames(list)).as(path).contains("limit", "cursor");
            String page = list.getResponses().get("200").getContent().get("application/json").getSchema().get$ref();
            assertThat(api.getComponents().getSchemas().get(lastSegment(page)).getRequired()).as(path)
                    .contains("nextCursor");
        }
    }

    @Test
    void the_feed_filters_take_comma_separated_lists() {
        Operation needs = api.getPaths().get("/api/v1/feed/needs").getGet();
        for (String name : List.of("sector", "urgency", "status")) {
            Parameter filter = needs.getParameters().stream().filter(p -> name.equals(p.getName())).findFirst()
                    .orElseThrow();
            Schema<?> schema = filter.getSchema();
            // OpenAPI 3.1 keeps the type among "types"; 3.0 in "type".
            assertThat(schema.getType() != null ? Set.of(schema.getType()) : schema.getTypes()).as(name)
                    .containsExactly("array");
            assertThat(filter.getExplode()).as(name).isFalse();
        }
        assertThat(queryNames(needs)).contains("asOf", "near", "radiusKm", "item", "campaignId");
    }

    @Test
    void asynchronous_operations_answer_202() {
        assertThat(api.getPaths().get("/api/v1/partners/me/webhooks/{webhookId}/redeliver").getPost().getResponses())
                .containsKey("202");
        assertThat(api.getPaths().get("/api/v1/feed/admin/rebuild").getPost().getResponses()).containsKey("202");
    }

    @Test
    void enums_are_spelled_as_in_the_domain() {
        assertThat(enumOf("Sector")).containsExactly(
                "SHL", "WSH", "FSC", "HEA", "NUT", "LOG", "CCM", "EDU", "PRO", "ERY", "TEL");
        assertThat(enumOf("CampaignKind")).containsExactly(
                "EARTHQUAKE", "FLOOD", "TYPHOON", "WILDFIRE", "EPIDEMIC", "CONFLICT", "OTHER");
        assertThat(enumOf("Urgency")).containsExactly("CRITICAL", "HIGH", "MEDIUM", "LOW");
        assertThat(enumOf("NeedStatus")).containsExactly(
                "OPEN", "FULLY_PLEDGED", "FULFILLED", "CLOSED", "CANCELLED", "EXPIRED");
        assertThat(enumOf("PledgeStatus")).containsExactly(
                "RESERVED", "CONFIRMED", "IN_TRANSIT", "DELIVERED", "CANCELLED", "HOLD_EXPIRED", "NO_SHOW");
        assertThat(enumOf("DonationStatus")).containsExactly("RECEIVED", "MATCHED", "REFUNDED");
        assertThat(enumOf("MatchPoolStatus")).containsExactly("OPEN", "EXHAUSTED", "CLOSED");
        assertThat(enumOf("Privacy")).containsExactly("EXACT", "APPROXIMATE");
        assertThat(enumOf("DeliveryMethod")).containsExactly("DROP_OFF", "SHIPMENT", "PICKUP");
        assertThat(enumOf("PledgePolicy")).containsExactly("ALL_OR_NOTHING", "PARTIAL");
        assertThat(enumOf("PartnerScope")).containsExactly("feed:read", "webhooks:manage");
        assertThat(enumOf("OfferStatus")).containsExactly("OPEN", "PLACED", "EXPIRED", "WITHDRAWN");
        assertThat(enumOf("CancelledBy")).containsExactly(
                "DONOR", "COORDINATOR", "NEED_CLOSED", "NEED_CANCELLED", "NEED_EXPIRED");
        assertThat(enumOf("PledgeRefusal")).containsExactly("DOES_NOT_FIT", "NOTHING_OUTSTANDING", "NEED_NOT_OPEN");
    }

    private static List<Object> enumOf(String schema) {
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) api.getComponents().getSchemas().get(schema).getEnum();
        return values;
    }

    private record Op(String method, String path, Operation operation) { }

    private static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        for (Map.Entry<String, PathItem> entry : api.getPaths().entrySet()) {
            entry.getValue().readOperationsMap().forEach(
                    (method, operation) -> ops.add(new Op(method.name(), entry.getKey(), operation)));
        }
        assertThat(ops).isNotEmpty();
        return ops;
    }

    private static Set<String> headerNames(Operation operation) {
        return parameterNames(operation, "header");
    }

    private static Set<String> queryNames(Operation operation) {
        return parameterNames(operation, "query");
    }

    private static Set<String> parameterNames(Operation operation, String in) {
        Set<String> names = new TreeSet<>();
        if (operation.getParameters() != null) {
            for (Parameter given : operation.getParameters()) {
                Parameter parameter = dereferenced(given);
                if (in.equals(parameter.getIn())) {
                    names.add(parameter.getName());
                }
            }
        }
        return names;
    }

    /** A response, or the component response it refers to ({@code resolve} keeps local refs). */
    private static ApiResponse dereferenced(ApiResponse response) {
        if (response.get$ref() == null) {
            return response;
        }
        ApiResponse target = api.getComponents().getResponses().get(lastSegment(response.get$ref()));
        assertThat(target).as(response.get$ref()).isNotNull();
        return target;
    }

    /** A parameter, or the component parameter it refers to. */
    private static Parameter dereferenced(Parameter parameter) {
        if (parameter.get$ref() == null) {
            return parameter;
        }
        Parameter target = api.getComponents().getParameters().get(lastSegment(parameter.get$ref()));
        assertThat(target).as(parameter.get$ref()).isNotNull();
        return target;
    }

    private static String lastSegment(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static Set<String> normalised(Iterable<String> paths) {
        Set<String> result = new TreeSet<>();
        paths.forEach(path -> result.add(normalise(path)));
        return result;
    }

    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }
}
