package org.lifeline.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lifeline.gateway.identity.PartnerKeys;
import org.lifeline.testing.LifelineTestResource;
import org.lifeline.testing.TestTokens;

@QuarkusTest
@QuarkusTestResource(value = LifelineTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "gateway"),
        @ResourceArg(name = "kafka", value = "false")})
// Restricted to this class: its small limits (an auth bucket of 10) would starve the identity tests' sign-ins.
@QuarkusTestResource(value = ProxyStubsResource.class, restrictToAnnotatedClass = true)
class ReverseProxyTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration ARRIVES = Duration.ofSeconds(5);
    private static final Duration NOTHING_ARRIVES = Duration.ofMillis(300);
    private static StubServices stubs;

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    PartnerKeys partnerKeys;

    @BeforeAll
    static void startStubs() throws Exception {
        stubs = new StubServices().start();
    }

    @AfterAll
    static void stopStubs() throws Exception {
        stubs.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        stubs.reset();
    }

    // --- route mapping -------------------------------------------------------------------------------------

    @Test
    void each_service_gets_its_paths_and_match_pools_of_a_campaign_go_to_donations() throws Exception {
        List<List<String>> expectations = List.of(
                List.of("GET", "/api/v1/campaigns", "campaigns"),
                List.of("GET", "/api/v1/campaigns/" + UUID.randomUUID(), "campaigns"),
                List.of("POST", "/api/v1/campaigns/" + UUID.randomUUID() + "/needs", "campaigns"),
                List.of("GET", "/api/v1/needs/" + UUID.randomUUID(), "campaigns"),
                List.of("POST", "/api/v1/campaigns/" + UUID.randomUUID() + "/match-pools", "donations"),
                List.of("POST", "/api/v1/pledges", "donations"),
                List.of("GET", "/api/v1/me/pledges", "donations"),
                List.of("POST", "/api/v1/donations", "donations"),
                List.of("GET", "/api/v1/match-pools/" + UUID.randomUUID(), "donations"),
                List.of("GET", "/api/v1/offers/" + UUID.randomUUID() + "/matches", "donations"),
                List.of("GET", "/api/v1/feed/needs", "feed"),
                List.of("GET", "/api/v1/me/gifts/" + UUID.randomUUID() + "/trail", "feed"));
        for (List<String> expected : expectations) {
            String method = expected.get(0);
            String path = expected.get(1);
            Response response = given().header("Authorization", "Bearer " + everyRole())
                    .contentType("application/json").body(method.equals("POST") ? "{}" : "")
                    .request(method, path);
            assertThat(response.statusCode()).as(method + " " + path).isEqualTo(200);
            assertThat(response.jsonPath().getString("service")).as(method + " " + path).isEqualTo(expected.get(2));
            StubServices.Received received = stubs.next(ARRIVES);
            assertThat(received.uri()).isEqualTo(path);
            assertThat(received.method()).isEqualTo(method);
        }
    }

    @Test
    void the_gateways_own_paths_are_not_proxied() throws Exception {
        given().get("/api/v1/organisations");
        given().contentType("application/json").body("{}").post("/api/v1/auth/token");
        given().get("/q/health/live").then().statusCode(200);
        assertThat(stubs.next(NOTHING_ARRIVES)).isNull();
    }

    @Test
    void method_query_body_and_response_headers_pass_unchanged() throws Exception {
        String needPath = "/api/v1/needs/" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID()))
                .contentType("application/merge-patch+json").body("{\"quantity\":12}")
                .urlEncodingEnabled(false)
                .when().patch(needPath + "?asOf=2026-11-21T08:30:00Z&sector=WSH")
                .then().statusCode(200)
                .header("ETag", "\"7\"")
                .header("Access-Control-Allow-Origin", nullValue());
        StubServices.Received received = stubs.next(ARRIVES);
        assertThat(received.method()).isEqualTo("PATCH");
        assertThat(received.uri()).isEqualTo(needPath + "?asOf=2026-11-21T08:30:00Z&sector=WSH");
        assertThat(received.body()).isEqualTo("{\"quantity\":12}");
        assertThat(received.headers().get("Content-Type")).startsWith("application/merge-patch+json");
    }

    // --- header hygiene ------------------------------------------------------------------------------------

    @Test
    void identity_headers_a_client_sends_are_dropped_and_tracing_headers_arrive() throws Exception {
        String token = TestTokens.donor(UUID.randomUUID());
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        given().header("Authorization", "Bearer " + token)
                .header("X-Lifeline-Caller", "admin")
                .header("X-Forwarded-User", "admin@lifeline.local")
                .header("X-Auth-Roles", "admin")
                .header("X-Partner-Id", UUID.randomUUID().toString())
                .header("X-User-Id", UUID.randomUUID().toString())
                .header("X-Forwarded-For", "6.6.6.6")
                .header("X-Request-Id", "hygiene-1")
                .header("traceparent", traceparent)
                .header("tracestate", "lifeline=1")
                .when().get("/api/v1/me/pledges")
                .then().statusCode(200).header("X-Request-Id", "hygiene-1");
        StubServices.Received received = stubs.next(ARRIVES);
        assertThat(received.headers().names()).noneMatch(name -> {
            String lower = name.toLowerCase();
            return lower.startsWith("x-lifeline-") || lower.startsWith("x-auth-") || lower.startsWith("x-partner-")
                    || lower.startsWith("x-user-") || lower.equals("x-forwarded-user");
        });
        assertThat(received.headers().get("Authorization")).isEqualTo("Bearer " + token);
        assertThat(received.headers().get("X-Request-Id")).isEqualTo("hygiene-1");
        assertThat(received.headers().get("traceparent")).isEqualTo(traceparent);
        assertThat(received.headers().get("tracestate")).isEqualTo("lifeline=1");
        assertThat(received.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(received.headers().get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.headers().get("X-Forwarded-Host")).isEqualTo(gateway.getHost() + ":" + gateway.getPort());
    }

    @Test
    void a_request_without_an_id_gets_one_that_the_service_sees_too() throws Exception {
        String id = given().get("/api/v1/campaigns").then().statusCode(200).extract().header("X-Request-Id");
        assertThat(id).isNotBlank();
        assertThat(stubs.next(ARRIVES).headers().get("X-Request-Id")).isEqualTo(id);
    }

    // --- streaming -----------------------------------------------------------------------------------------

    @Test
    void server_sent_events_arrive_one_by_one() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/v1/feed/stream?campaignId=c1"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .get(ARRIVES.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
                lines.add("<end>");
            } catch (Exception e) {
                lines.add("<failed> " + e);
            }
        });
        // The first event arrives while the service still holds back the second.
        assertThat(awaitLine(lines, "data: ")).isEqualTo("data: {\"n\":1}");
        assertThat(stubs.secondEvent).isNotDone();
        stubs.secondEvent.complete(null);
        assertThat(awaitLine(lines, "data: ")).isEqualTo("data: {\"n\":2}");
        assertThat(awaitLine(lines, "<")).isEqualTo("<end>");
        reader.join(ARRIVES.toMillis());
    }

    @Test
    void a_stream_outlives_the_idle_timeout_while_events_flow() throws Exception {
        // 6 events 400 ms apart: 2.4 s in all against the tests' 1 s idle timeout.
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/v1/feed/ticks?count=6&everyMs=400")).build();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(ARRIVES.toSeconds(), TimeUnit.SECONDS);
        List<String> data = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> response.body().filter(line -> line.startsWith("data: ")).toList())
                .get(ARRIVES.toSeconds(), TimeUnit.SECONDS);
        assertThat(data).hasSize(6).last().isEqualTo("data: {\"n\":6}");
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        return null;
    }

    // --- services down, broken or slow ---------------------------------------------------------------------

    @Test
    void a_service_that_is_down_gives_503_with_retry_after() {
        given().get("/api/v1/test-unreachable/anything")
                .then().statusCode(503)
                .contentType(PROBLEM_JSON)
                .header("Retry-After", "7")
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                .body("status", equalTo(503))
                .body("title", equalTo("Service Unavailable"))
                .body("type", equalTo("about:blank"))
                .body("instance", equalTo("/api/v1/test-unreachable/anything"))
                .body("detail", containsString("unreachable"));
    }

    @Test
    void a_service_answering_garbage_or_hanging_up_gives_502() {
        given().get("/api/v1/test-broken/anything")
                .then().statusCode(502).contentType(PROBLEM_JSON).body("status", equalTo(502));
        given().get("/api/v1/feed/closed")
                .then().statusCode(502).contentType(PROBLEM_JSON).body("title", equalTo("Bad Gateway"));
    }

    @Test
    void a_service_that_does_not_answer_in_time_gives_504() {
        given().get("/api/v1/feed/slow")
                .then().statusCode(504).contentType(PROBLEM_JSON).body("title", equalTo("Gateway Timeout"));
    }

    // --- identity at the edge ------------------------------------------------------------------------------

    @Test
    void bad_tokens_get_401_and_never_reach_the_service() throws Exception {
        String valid = TestTokens.donor(UUID.randomUUID());
        String[] parts = valid.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String tampered = parts[0] + "." + encode(claims.replace("\"donor\"", "\"admin\"")) + "." + parts[2];
        String unsigned = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        for (String token : List.of(TestTokens.expired(UUID.randomUUID(), "donor"), tampered, unsigned, "not-a-jwt")) {
            given().header("Authorization", "Bearer " + token)
                    .contentType("application/json").body("{}")
                    .when().post("/api/v1/pledges")
                    .then().statusCode(401).contentType(PROBLEM_JSON)
                    .header("WWW-Authenticate", "Bearer");
        }
        given().contentType("application/json").body("{}").post("/api/v1/pledges")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        given().get("/api/v1/me/pledges").then().statusCode(401);
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/me/pledges").then().statusCode(401);
        assertThat(stubs.next(NOTHING_ARRIVES)).isNull();
    }

    @Test
    void a_donor_on_a_coordinator_route_gets_403_before_the_service() throws Exception {
        given().header("Authorization", "Bearer " + TestTokens.donor(UUID.randomUUID()))
                .contentType("application/json").body("{}")
                .when().post("/api/v1/campaigns")
                .then().statusCode(403).contentType(PROBLEM_JSON).body("status", equalTo(403));
        assertThat(stubs.next(NOTHING_ARRIVES)).isNull();
        given().header("Authorization", "Bearer " + TestTokens.coordinator(UUID.randomUUID(), UUID.randomUUID()))
                .contentType("application/json").body("{}")
                .when().post("/api/v1/campaigns")
                .then().statusCode(200).body("service", equalTo("campaigns"));
    }

    @Test
    void a_partner_key_becomes_a_partner_token_and_stops_working_once_revoked() throws Exception {
        PartnerKeys.IssuedKey issued = partnerKeys.create("Relief NGO", null, Set.of("feed:read"))
                .await().atMost(ARRIVES);
        given().header("X-Api-Key", issued.apiKey())
                .when().get("/api/v1/feed/needs/export.csv?campaignId=c1")
                .then().statusCode(200).body("service", equalTo("feed"));
        StubServices.Received received = stubs.next(ARRIVES);
        assertThat(received.headers().get("X-Api-Key")).isNull();
        String authorization = received.headers().get("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        String claims = new String(Base64.getUrlDecoder().decode(authorization.substring(7).split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(claims).contains("\"sub\":\"partner:" + issued.partner().id() + "\"").contains("feed:read");

        // Its scopes do not cover webhooks.
        given().header("X-Api-Key", issued.apiKey()).contentType("application/json").body("{}")
                .when().post("/api/v1/partners/me/webhooks")
                .then().statusCode(403);

        assertThat(partnerKeys.revoke(issued.partner().id()).await().atMost(ARRIVES)).isTrue();
        given().header("X-Api-Key", issued.apiKey())
                .when().get("/api/v1/feed/needs/export.csv")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        given().header("X-Api-Key", "llk_unknown").when().get("/api/v1/feed/needs")
                .then().statusCode(401);
        assertThat(stubs.next(NOTHING_ARRIVES)).isNull();
    }

    // --- limits --------------------------------------------------------------------------------------------

    @Test
    void a_caller_past_its_bucket_gets_429_with_retry_after() {
        String token = TestTokens.donor(UUID.randomUUID());
        Response limited = null;
        for (int i = 0; i < 100 && limited == null; i++) {
            Response response = given().header("Authorization", "Bearer " + token).get("/api/v1/me/pledges");
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a 429 within 100 requests").isNotNull();
        assertThat(limited.contentType()).startsWith(PROBLEM_JSON);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        // Another caller still has its own bucket.
        given().header("Authorization", "Bearer " + TestTokens.donor(UUID.randomUUID())).get("/api/v1/me/pledges")
                .then().statusCode(200);
    }

    @Test
    void the_gateways_own_endpoints_draw_on_the_callers_bucket_too() throws Exception {
        String token = TestTokens.donor(UUID.randomUUID());
        String someoneElse = "/api/v1/accounts/" + UUID.randomUUID();
        Response limited = null;
        for (int i = 0; i < 100 && limited == null; i++) {
            Response response = given().header("Authorization", "Bearer " + token).get(someoneElse);
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertThat(response.statusCode()).as("the endpoint's own answer").isEqualTo(403);
            }
        }
        assertThat(limited).as("a 429 within 100 requests").isNotNull();
        assertThat(limited.contentType()).startsWith(PROBLEM_JSON);
        assertThat(limited.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        given().header("Authorization", "Bearer " + TestTokens.donor(UUID.randomUUID())).get(someoneElse)
                .then().statusCode(403);
        assertThat(stubs.next(NOTHING_ARRIVES)).isNull();
    }

    /**
     * Each client address has its own auth bucket; this test alone uses 127.0.0.3 and 127.0.0.4 (all of 127/8 is
     * loopback), so it can count: the burst, then 429, whatever other tests sent from 127.0.0.1.
     */
    @Test
    void the_login_attempt_past_the_auth_burst_gets_429_while_another_address_is_unaffected() throws Exception {
        HttpClient guesser = clientFrom("127.0.0.3");
        HttpClient other = clientFrom("127.0.0.4");
        String wrongPassword = "{\"email\":\"someone@test.lifeline\",\"password\":\"guess\"}";
        for (int attempt = 1; attempt <= ProxyStubsResource.AUTH_BURST; attempt++) {
            assertThat(postFrom(guesser, "/api/v1/auth/token", wrongPassword).statusCode())
                    .as("attempt " + attempt).isEqualTo(401);
        }
        HttpResponse<String> limited = postFrom(guesser, "/api/v1/auth/token", wrongPassword);
        assertThat(limited.statusCode()).as("attempt " + (ProxyStubsResource.AUTH_BURST + 1)).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(PROBLEM_JSON));
        assertThat(limited.body()).contains("\"status\":429");
        assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                seconds -> assertThat(seconds).isPositive());
        // Registration shares the bucket: no account spam from the same address either.
        assertThat(postFrom(guesser, "/api/v1/auth/register",
                "{\"email\":\"spam@test.lifeline\",\"password\":\"spam spam spam\",\"displayName\":\"Spam\"}")
                .statusCode()).isEqualTo(429);
        // Another client address still has its whole burst.
        assertThat(postFrom(other, "/api/v1/auth/token", wrongPassword).statusCode()).isEqualTo(401);
    }

    private static HttpClient clientFrom(String address) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .localAddress(java.net.InetAddress.getByName(address)).connectTimeout(ARRIVES).build();
    }

    private HttpResponse<String> postFrom(HttpClient client, String path, String json) throws Exception {
        URI uri = new URI("http", null, "127.0.0.1", gateway.getPort(), path, null, null);
        return client.send(HttpRequest.newBuilder(uri).timeout(ARRIVES).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_body_over_the_limit_gets_413() throws Exception {
        given().header("Authorization", "Bearer " + TestTokens.donor(UUID.randomUUID()))
                .contentType("application/json").body("{\"note\":\"" + "x".repeat(2048) + "\"}")
                .when().post("/api/v1/pledges")
                .then().statusCode(413).contentType(PROBLEM_JSON);
        assertThat(stubs.next(NOTHING_ARRIVES)).isNull();
    }

    @Test
    void a_chunked_body_is_counted_as_it_streams_and_stopped_at_the_limit() throws Exception {
        byte[] body = ("{\"note\":\"" + "x".repeat(4096) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/api/v1/pledges"))
                .header("Authorization", "Bearer " + TestTokens.donor(UUID.randomUUID()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .get(ARRIVES.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(stubs.next(NOTHING_ARRIVES)).isNull();
    }

    @Test
    void a_body_that_is_not_json_gets_415() throws Exception {
        given().header("Authorization", "Bearer " + TestTokens.donor(UUID.randomUUID()))
                .contentType("text/plain").body("pledge 5 tents")
                .when().post("/api/v1/pledges")
                .then().statusCode(415).contentType(PROBLEM_JSON);
        assertThat(stubs.next(NOTHING_ARRIVES)).isNull();
    }

    @Test
    void cors_preflight_is_answered_by_the_gateway() throws Exception {
        given().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type")
                .when().options("/api/v1/pledges")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173");
        given().header("Origin", "http://localhost:5173").get("/api/v1/campaigns")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
                .header("Access-Control-Expose-Headers", containsString("Retry-After"));
        stubs.next(ARRIVES);
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/pledges")
                .then().header("Access-Control-Allow-Origin", nullValue());
        assertThat(stubs.next(NOTHING_ARRIVES)).isNull();
    }

    private static String everyRole() {
        return TestTokens.token(UUID.randomUUID(), Set.of("donor", "coordinator", "admin"), List.of(UUID.randomUUID()),
                Duration.ofHours(1));
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
