package org.lifeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.system.ExpectedAccess.Role;
import org.lifeline.system.ExpectedAccess.Rule;
import org.lifeline.system.OpenApiDocument.Endpoint;

/**
 * Every operation of the gateway's OpenAPI document, called by every role with real ids and a valid
 * body: allowed roles never get 401 or 403; the others get 401 without a credential and 403 (or 404,
 * where {@link ExpectedAccess} says so) with one, as problem+json, and their writes change nothing.
 */
@ExtendWith(RunningStack.class)
class AuthorizationMatrixTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void every_operation_admits_exactly_the_roles_it_should(RunningStack stack) throws Exception {
        ReliefWorld world = new ReliefWorld(stack, "Matrix", "http://127.0.0.1:9/hook");
        Api.Account grantee = world.admin.donor("Matrix Grantee");
        Map<Role, Caller> callers = callers(world);
        OpenApiDocument document = OpenApiDocument.fetch(stack.api());
        Map<String, Function<Role, Object>> bodies = world.validBodies(grantee);

        List<String> unknown = document.endpoints().stream().map(Endpoint::key)
                .filter(key -> !ExpectedAccess.RULES.containsKey(key)).toList();
        assertThat(unknown).as("operations of the OpenAPI document that the matrix's rule table does not know:"
                + " add each to ExpectedAccess with who may call it").isEmpty();

        List<String> findings = new ArrayList<>();
        List<UUID> deniedRequests = new ArrayList<>();
        List<String> deniedKeys = new ArrayList<>();
        List<UUID> allowedWrites = new ArrayList<>();
        int cases = 0;
        int allowed = 0;
        try (StateWitness witness = new StateWitness(stack)) {
            List<Endpoint> endpoints = document.endpoints().stream()
                    .sorted(Comparator.comparingInt(AuthorizationMatrixTest::rank)).toList();
            for (Endpoint endpoint : endpoints) {
                Rule rule = ExpectedAccess.RULES.get(endpoint.key());
                String path = world.path(endpoint.path());
                // Those who may not go first, so that what the allowed ones change cannot mask a refusal.
                List<Role> roles = new ArrayList<>(List.of(Role.values()));
                roles.sort(Comparator.comparing(rule.allowed()::contains));
                for (Role role : roles) {
                    cases++;
                    Caller caller = callers.get(role);
                    UUID requestId = UUID.randomUUID();
                    String idempotencyKey = "matrix-" + UUID.randomUUID();
                    Object body = bodyOf(endpoint, document, bodies, role);
                    Map<String, String> before = endpoint.isWrite() ? witness.snapshot() : Map.of();
                    Outcome outcome = call(stack, caller, endpoint, path, body, requestId, idempotencyKey);
                    String where = endpoint.key() + " as " + role + " -> " + outcome;
                    if (rule.allowed().contains(role)) {
                        allowed++;
                        if (outcome.status() == 401 || outcome.status() == 403 || outcome.status() >= 500) {
                            findings.add("allowed but refused or failed: " + where);
                        }
                        if (endpoint.isWrite()) {
                            allowedWrites.add(requestId);
                        }
                        continue;
                    }
                    List<Integer> expected = role == Role.ANONYMOUS ? List.of(401)
                            : List.copyOf(rule.deniedWith(role));
                    if (!expected.contains(outcome.status())) {
                        findings.add("expected " + expected + ": " + where);
                    } else if (!Problems.defects(outcome.status(), outcome.contentType(), outcome.body()).isEmpty()) {
                        findings.add("refusal is no problem+json " + Problems.defects(outcome.status(),
                                outcome.contentType(), outcome.body()) + ": " + where);
                    }
                    if (endpoint.isWrite()) {
                        deniedRequests.add(requestId);
                        deniedKeys.add(idempotencyKey);
                        Map<String, String> after = witness.snapshot();
                        if (!after.equals(before)) {
                            findings.add("a refused write changed state " + changes(before, after) + ": " + where);
                        }
                    }
                }
            }
            long deniedEvents = witness.eventsCausedBy(deniedRequests);
            long deniedRecords = witness.idempotencyRecords(deniedKeys);
            if (deniedEvents > 0) {
                findings.add(deniedEvents + " events were caused by refused writes");
            }
            if (deniedRecords > 0) {
                findings.add(deniedRecords + " idempotency records were kept for refused writes");
            }
            // The witness sees what requests cause: the allowed writes left their events.
            assertThat(witness.eventsCausedBy(allowedWrites)).as("events of the allowed writes").isPositive();
        }
        // The admin's rebuild replays the feed: wait for it, so that later tests read a whole feed.
        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> stack.api()
                .get("/api/v1/feed/campaigns/" + world.campaignId, Api.Credential.NONE).status() == 200);

        System.out.printf("Authorization matrix: %d operations x %d roles = %d cases (%d allowed, %d refused;"
                        + " %d refused writes checked for no change); %d findings%n",
                document.endpoints().size(), Role.values().length, cases, allowed, cases - allowed,
                deniedRequests.size(), findings.size());
        findings.forEach(finding -> System.out.println("  finding: " + finding));
        assertThat(findings).as("authorization findings").isEmpty();
    }

    @Test
    void a_refused_write_is_a_well_formed_answer_to_an_http2_client(RunningStack stack) throws Exception {
        // The JDK client offers an h2c upgrade; HTTP/2 forbids connection-specific headers such as Connection.
        java.net.http.HttpClient http2 = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_2).localAddress(Loopback.next()).build();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + stack.gateway().getPort() + "/api/v1/campaigns"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\":\"Luding earthquake\"}")).build();
        java.net.http.HttpResponse<String> answer;
        try {
            answer = http2.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError("an HTTP/2 client got no well-formed answer to a refused write: " + e.getMessage(), e);
        } finally {
            http2.close();
        }
        assertThat(answer.statusCode()).isEqualTo(401);
    }

    /** A caller: its client (own loopback address) and credential. */
    private record Caller(Api api, InetAddress address, Api.Credential credential) { }

    private record Outcome(int status, String contentType, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
        }
    }

    private static Map<Role, Caller> callers(ReliefWorld world) {
        Map<Role, Caller> callers = new EnumMap<>(Role.class);
        callers.put(Role.ANONYMOUS, caller(world, Api.Credential.NONE));
        callers.put(Role.DONOR, new Caller(world.donor.api(), null, world.donor.credential()));
        callers.put(Role.OTHER_DONOR, new Caller(world.otherDonor.api(), null, world.otherDonor.credential()));
        callers.put(Role.COORDINATOR, new Caller(world.coordinator.api(), null, world.coordinator.credential()));
        callers.put(Role.OTHER_COORDINATOR,
                new Caller(world.otherCoordinator.api(), null, world.otherCoordinator.credential()));
        callers.put(Role.FEED_PARTNER, new Caller(world.feedPartner.api(), null, world.feedPartner.credential()));
        callers.put(Role.WEBHOOK_PARTNER,
                new Caller(world.webhookPartner.api(), null, world.webhookPartner.credential()));
        callers.put(Role.OTHER_WEBHOOK_PARTNER,
                new Caller(world.otherWebhookPartner.api(), null, world.otherWebhookPartner.credential()));
        callers.put(Role.ADMIN, new Caller(world.admin, null, Api.Credential.bearer(world.admin.adminToken())));
        return callers;
    }

    private static Caller caller(ReliefWorld world, Api.Credential credential) {
        InetAddress address = Loopback.next();
        return new Caller(world.stack.api().from(address), address, credential);
    }

    /** Sends one case (again after a 429, which says nothing of access) and reads the answer. */
    private static Outcome call(RunningStack stack, Caller caller, Endpoint endpoint, String path, Object body,
                                UUID requestId, String idempotencyKey) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Request-Id", requestId.toString());
        if (endpoint.isWrite()) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        Callable<Outcome> send = () -> endpoint.path().equals("/api/v1/feed/stream")
                ? openStream(stack, caller, path, headers)
                : answer(caller.api().send(endpoint.method(), path, caller.credential(), body, headers));
        AtomicReference<Outcome> outcome = new AtomicReference<>(send.call());
        if (outcome.get().status() == 429) {
            await().pollDelay(Duration.ZERO).atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                outcome.set(send.call());
                return outcome.get().status() != 429;
            });
        }
        return outcome.get();
    }

    private static Outcome answer(Api.Answer answer) {
        return new Outcome(answer.status(), answer.contentType(), answer.body());
    }

    /** The stream never ends by itself: only its answer's head is read, then it is closed. */
    private static Outcome openStream(RunningStack stack, Caller caller, String path, Map<String, String> headers) {
        RawHttp.Request request = RawHttp.Request.of("GET", path).header("Accept", "text/event-stream");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            request = request.header(header.getKey(), header.getValue());
        }
        if (caller.credential().bearer() != null) {
            request = request.header("Authorization", "Bearer " + caller.credential().bearer());
        }
        if (caller.credential().apiKey() != null) {
            request = request.header("X-Api-Key", caller.credential().apiKey());
        }
        try (RawHttp.Stream stream = RawHttp.open(stack.gateway(), caller.address(), request)) {
            RawHttp.Response head = stream.refusal();
            return new Outcome(head.status(), head.contentType(), head.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object bodyOf(Endpoint endpoint, OpenApiDocument document, Map<String, Function<Role, Object>> bodies,
                                 Role role) {
        Function<Role, Object> body = bodies.get(endpoint.key());
        if (body == null && endpoint.bodySchema(document.api()) != null) {
            throw new AssertionError(endpoint.key() + " takes a body: add a valid one to the matrix's table");
        }
        return body == null ? null : body.apply(role);
    }

    /** Operations that end something go last, so that every other case meets the objects still open. */
    private static int rank(Endpoint endpoint) {
        String path = endpoint.path();
        if (path.endsWith("/feed/admin/rebuild")) {
            return 5;
        }
        if (path.endsWith("/campaigns/{campaignId}/close")) {
            return 4;
        }
        if (endpoint.method().equals("DELETE") || path.endsWith("/close") || path.endsWith("/cancel")
                || path.endsWith("/withdraw") || path.endsWith("/refund")) {
            return 3;
        }
        if (path.endsWith("/deliver") || path.endsWith("/accept")) {
            return 2;
        }
        if (path.endsWith("/confirm") || path.endsWith("/dispatch")) {
            return 1;
        }
        return 0;
    }

    private static String changes(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        before.forEach((figure, value) -> {
            if (!value.equals(after.get(figure))) {
                changed.add(figure + ": " + value + " -> " + after.get(figure));
            }
        });
        return changed.toString();
    }
}
