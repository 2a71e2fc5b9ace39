package org.lifeline.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
import java.net.Socket;
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
                List.of("GET", "/api/v1/me/donations", "donations"),
                List.of("GET", "/api/v1/campaigns/" + UUID.randomUUID() + "/match-pools", "donations"),
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
        String otherKid = TestTokens.donorWithKeyId(UUID.randomUUID(), "another-key");
        String noKid = TestTokens.donorWithKeyId(UUID.randomUUID(), null);
        for (String token : List.of(TestTokens.expired(UUID.randomUUID(), "donor"), tampered, unsigned, "not-a-jwt",
                otherKid, noKid)) {
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
        // Another email each time, so that the throttle per email (5 failures) does not answer first.
        for (int attempt = 1; attempt <= ProxyStubsResource.AUTH_BURST; attempt++) {
            assertThat(postFrom(guesser, "/api/v1/auth/token", wrongPassword(attempt)).statusCode())
                    .as("attempt " + attempt).isEqualTo(401);
        }
        HttpResponse<String> limited = postFrom(guesser, "/api/v1/auth/token", wrongPassword(0));
        assertThat(limited.statusCode()).as("attempt " + (ProxyStubsResource.AUTH_BURST + 1)).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(PROBLEM_JSON));
        assertThat(limited.body()).contains("\"status\":429")
                .contains("https://lifeline.org/problems/too-many-auth-requests");
        assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                seconds -> assertThat(seconds).isPositive());
        // Registration shares the bucket: no account spam from the same address either.
        assertThat(postFrom(guesser, "/api/v1/auth/register",
                "{\"email\":\"spam@test.lifeline\",\"password\":\"spam spam spam\",\"displayName\":\"Spam\"}")
                .statusCode()).isEqualTo(429);
        // Another client address still has its whole burst.
        assertThat(postFrom(other, "/api/v1/auth/token", wrongPassword(0)).statusCode()).isEqualTo(401);
    }

    private static String wrongPassword(int attempt) {
        return "{\"email\":\"someone-" + attempt + "@test.lifeline\",\"password\":\"guess\"}";
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

    // --- streams ------------------------------------------------------------------------------------------

    /**
     * Streams are counted per client address here, each test on addresses of its own (127.0.0.5 to .8), so the
     * counts are exact. A heartbeat keeps each stream busy past the tests' 1 s idle timeout.
     */
    @Test
    void a_client_past_its_stream_cap_gets_429_while_short_requests_to_the_feed_still_pass() throws Exception {
        List<Socket> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < ProxyStubsResource.STREAMS_PER_CLIENT; i++) {
                open.add(openStream("127.0.0.5", true));
            }
            RawResponse beyond = rawStream("127.0.0.5", true);
            assertThat(beyond.status()).isEqualTo(429);
            assertThat(beyond.header("content-type")).startsWith(PROBLEM_JSON);
            assertThat(beyond.body()).contains("https://lifeline.org/problems/too-many-streams");
            assertThat(Long.parseLong(beyond.header("retry-after"))).isPositive();

            // Other clients fill the streams' pool: 3 + 2 more, 8 in all; the next gets a 503 at once.
            for (int i = 0; i < ProxyStubsResource.STREAMS_PER_CLIENT; i++) {
                open.add(openStream("127.0.0.6", true));
            }
            for (int i = 0; i < ProxyStubsResource.STREAM_POOL - 2 * ProxyStubsResource.STREAMS_PER_CLIENT; i++) {
                open.add(openStream("127.0.0.7", true));
            }
            assertThat(openStreamsGauge()).isEqualTo(ProxyStubsResource.STREAM_POOL);
            RawResponse full = rawStream("127.0.0.8", true);
            assertThat(full.status()).isEqualTo(503);
            assertThat(full.body()).contains("https://lifeline.org/problems/stream-capacity-full");
            assertThat(Long.parseLong(full.header("retry-after"))).isPositive();

            // Short requests to the same service do not queue behind the streams: more of them, at once, than
            // their own pool holds, and every one answered.
            String token = TestTokens.donor(UUID.randomUUID());
            HttpClient reader = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> reads = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                reads.add(reader.sendAsync(HttpRequest.newBuilder(local("/api/v1/feed/needs")).timeout(ARRIVES)
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (var read : reads) {
                assertThat(read.get(ARRIVES.toSeconds() * 2, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }

            // Leaving frees the slots: the first client may open its streams again.
            for (Socket socket : open.subList(0, ProxyStubsResource.STREAMS_PER_CLIENT)) {
                socket.close();
            }
            await().atMost(ARRIVES).until(() -> openStreamsGauge()
                    == ProxyStubsResource.STREAM_POOL - ProxyStubsResource.STREAMS_PER_CLIENT);
            open.add(openStream("127.0.0.5", true));
            open.add(openStream("127.0.0.8", true));
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
            await().atMost(ARRIVES).until(() -> openStreamsGauge() == 0);
        }
    }

    @Test
    void a_stream_slot_is_released_when_the_service_goes_away_or_the_idle_timeout_cuts_the_stream()
            throws Exception {
        List<Socket> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < ProxyStubsResource.STREAMS_PER_CLIENT; i++) {
                open.add(openStream("127.0.0.9", true));
            }
            assertThat(rawStream("127.0.0.9", true).status()).isEqualTo(429);
            stubs.dropStreams();
            await().atMost(ARRIVES).until(() -> openStreamsGauge() == 0);
            open.add(openStream("127.0.0.9", true));

            // Without heartbeats the service falls silent after its first event; the idle timeout (1 s) cuts it.
            for (int i = 0; i < ProxyStubsResource.STREAMS_PER_CLIENT; i++) {
                open.add(openStream("127.0.0.10", false));
            }
            assertThat(rawStream("127.0.0.10", false).status()).isEqualTo(429);
            await().atMost(ARRIVES).until(() -> openStreamsGauge() == 1);
            open.add(openStream("127.0.0.10", false));
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
            await().atMost(ARRIVES).until(() -> openStreamsGauge() == 0);
        }
    }

    @Test
    void a_stream_without_the_event_stream_accept_header_counts_as_a_stream_too() throws Exception {
        List<Socket> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < ProxyStubsResource.STREAMS_PER_CLIENT; i++) {
                open.add(openStream("127.0.0.11", true, "*/*"));
            }
            assertThat(rawStream("127.0.0.11", true, "*/*").status()).isEqualTo(429);
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
            await().atMost(ARRIVES).until(() -> openStreamsGauge() == 0);
        }
    }

    /** A stream opened from {@code address}, its head and first event read: 200 or the test fails. */
    private Socket openStream(String address, boolean heartbeat) throws Exception {
        return openStream(address, heartbeat, "text/event-stream");
    }

    private Socket openStream(String address, boolean heartbeat, String accept) throws Exception {
        Socket socket = streamSocket(address, heartbeat, accept);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).as("stream from " + address).startsWith("HTTP/1.1 200");
        for (String line = in.readLine(); line != null && !line.startsWith("data: "); line = in.readLine()) {
            // the rest of the head and the first event's id and name
        }
        return socket;
    }

    private RawResponse rawStream(String address, boolean heartbeat) throws Exception {
        return rawStream(address, heartbeat, "text/event-stream");
    }

    /** A stream that the gateway refuses: its status, headers (lower case) and body. */
    private RawResponse rawStream(String address, boolean heartbeat, String accept) throws Exception {
        try (Socket socket = streamSocket(address, heartbeat, accept)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                String[] header = line.split(":", 2);
                headers.put(header[0].trim().toLowerCase(java.util.Locale.ROOT), header[1].trim());
            }
            char[] body = new char[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
            int read = 0;
            while (read < body.length) {
                int n = in.read(body, read, body.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new RawResponse(status, headers, new String(body, 0, read));
        }
    }

    private record RawResponse(int status, java.util.Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private Socket streamSocket(String address, boolean heartbeat, String accept) throws Exception {
        Socket socket = new Socket(java.net.InetAddress.getByName("127.0.0.1"), gateway.getPort(),
                java.net.InetAddress.getByName(address), 0);
        socket.setSoTimeout((int) ARRIVES.toMillis());
        String path = "/api/v1/feed/stream?campaignId=c1" + (heartbeat ? "&heartbeatMs=200" : "");
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The gateway's gauge of open streams, as /q/metrics shows it. */
    private static int openStreamsGauge() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("lifeline_gateway_streams_open"))
                .map(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow();
    }

    // --- failed credentials ---------------------------------------------------------------------------------

    /** From 127.0.0.12 alone, so the count is exact; 127.0.0.13 stands for everyone else. */
    @Test
    void bad_credentials_past_the_burst_get_429_while_valid_tokens_and_other_addresses_are_unaffected()
            throws Exception {
        HttpClient guesser = clientFrom("127.0.0.12");
        HttpClient other = clientFrom("127.0.0.13");
        for (int attempt = 1; attempt <= ProxyStubsResource.FAILED_CREDENTIALS_BURST; attempt++) {
            HttpResponse<String> refused = getFrom(guesser, "/api/v1/feed/needs", attempt % 2 == 0
                    ? "Authorization" : "X-Api-Key", attempt % 2 == 0 ? "Bearer not-a-jwt-" + attempt : "llk_guess-" + attempt);
            assertThat(refused.statusCode()).as("attempt " + attempt).isEqualTo(401);
        }
        HttpResponse<String> limited = getFrom(guesser, "/api/v1/feed/needs", "X-Api-Key", "llk_one-more");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(PROBLEM_JSON));
        assertThat(limited.body()).contains("https://lifeline.org/problems/too-many-failed-credentials");
        assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                seconds -> assertThat(seconds).isPositive());
        // The gateway's own endpoints too.
        assertThat(getFrom(guesser, "/api/v1/accounts/" + UUID.randomUUID(), "Authorization", "Bearer x")
                .statusCode()).isEqualTo(429);
        // Someone else behind that address (one NAT) with a valid token is not locked out with the guesser.
        assertThat(getFrom(guesser, "/api/v1/feed/needs", "Authorization",
                "Bearer " + TestTokens.donor(UUID.randomUUID())).statusCode()).isEqualTo(200);
        // Anonymous reads from that address still pass; another address still has its whole bucket.
        assertThat(guesser.send(HttpRequest.newBuilder(local("/api/v1/feed/needs")).timeout(ARRIVES).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(getFrom(other, "/api/v1/feed/needs", "Authorization", "Bearer not-a-jwt").statusCode())
                .isEqualTo(401);
        assertThat(getFrom(other, "/api/v1/feed/needs", "Authorization",
                "Bearer " + TestTokens.donor(UUID.randomUUID())).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> getFrom(HttpClient client, String path, String header, String value)
            throws Exception {
        return client.send(HttpRequest.newBuilder(local(path)).timeout(ARRIVES).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI local(String path) throws Exception {
        return new URI("http", null, "127.0.0.1", gateway.getPort(), path, null, null);
    }

    private static String everyRole() {
        return TestTokens.token(UUID.randomUUID(), Set.of("donor", "coordinator", "admin"), List.of(UUID.randomUUID()),
                Duration.ofHours(1));
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
