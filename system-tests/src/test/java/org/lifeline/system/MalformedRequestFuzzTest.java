package org.lifeline.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeline.system.ExpectedAccess.Role;
import org.lifeline.system.OpenApiDocument.Endpoint;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Thousands of generated malformed and boundary requests (QuickTheories) across every write operation of
 * the OpenAPI document, each sent by a caller allowed to make it so that the request reaches validation:
 * wrong types, NUL and control characters, huge, negative and fractional numbers, numeric strings, missing
 * and extra fields, deep nesting, invalid UTF-8, wrong content types, bad {@code Idempotency-Key} and
 * {@code If-Match} headers, bad path ids and over-long URIs. Never a 5xx; every 4xx is an RFC 9457 problem;
 * a refused request leaves no event, no idempotency record and no other row behind.
 */
@ExtendWith(RunningStack.class)
class MalformedRequestFuzzTest {

    private static final int EXAMPLES = Integer.getInteger("lifeline.fuzz.examples", 5000);
    private static final long SEED = Long.getLong("lifeline.fuzz.seed", 20261121L);
    /** Refusals of the request itself; 409 and 422 are the domain's answers to a well-formed command. */
    private static final Set<Integer> REFUSED = Set.of(400, 401, 403, 404, 405, 406, 411, 413, 414, 415, 431);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One generated request: which operation, what is wrong with it, and the bytes that go out. */
    record FuzzCase(Endpoint endpoint, String defect, RawHttp.Request request) {
        @Override
        public String toString() {
            return endpoint.key() + " [" + defect + "] " + request;
        }
    }

    /** Who sends a write: its credential header (none for the open ones) and whether each request takes a new address. */
    private record Sender(String header, String value, boolean newAddressEach) { }

    @Test
    void malformed_requests_never_fail_the_server_and_change_nothing(RunningStack stack) {
        ReliefWorld world = new ReliefWorld(stack, "Fuzz", "http://127.0.0.1:9/hook");
        Api.Account grantee = world.admin.donor("Fuzz Grantee");
        OpenApiDocument document = OpenApiDocument.fetch(stack.api());
        Map<String, Function<Role, Object>> bodies = world.validBodies(grantee);
        List<Endpoint> writes = document.writes();
        Map<String, Sender> senders = new LinkedHashMap<>();
        for (Endpoint endpoint : writes) {
            senders.put(endpoint.key(), sender(world, endpoint));
        }
        Gen<FuzzCase> cases = Generate.pick(writes).flatMap(endpoint -> cases(document.api(), world, endpoint,
                bodies.get(endpoint.key()) == null ? null : Api.JSON.valueToTree(bodies.get(endpoint.key())
                        .apply(Role.DONOR))));

        InetAddress authenticated = Loopback.next();
        Map<String, Integer> findings = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<UUID> refusedRequests = new ArrayList<>();
        List<String> refusedKeys = new ArrayList<>();
        List<UUID> allRequests = new ArrayList<>();
        int[] sent = {0};
        int[] refusedByDecoder = {0};
        try (StateWitness witness = new StateWitness(stack)) {
            long eventsBefore = quietEvents(witness);
            JsonNode totalsBefore = totals(stack, world);
            AtomicReference<Map<String, String>> snapshot = new AtomicReference<>(witness.snapshot());
            Consumer<FuzzCase> attack = fuzz -> {
                Sender sender = senders.get(fuzz.endpoint().key());
                UUID requestId = UUID.randomUUID();
                String idempotencyKey = "fuzz-" + UUID.randomUUID();
                RawHttp.Request request = fuzz.request().header("X-Request-Id", requestId.toString());
                if (!fuzz.defect().startsWith("Idempotency-Key")) {
                    request = request.header("Idempotency-Key", idempotencyKey);
                }
                if (sender.header() != null) {
                    request = request.header(sender.header(), sender.value());
                }
                RawHttp.Response answer;
                try {
                    answer = send(stack, request, sender.newAddressEach() ? null : authenticated);
                } catch (java.io.UncheckedIOException noAnswer) {
                    sent[0]++;
                    findings.merge("no answer: " + noAnswer.getCause(), 1, Integer::sum);
                    examples.putIfAbsent("no answer: " + noAnswer.getCause(), fuzz.toString());
                    return;
                }
                sent[0]++;
                allRequests.add(requestId);
                statuses.merge(answer.status(), 1, Integer::sum);
                String what = fuzz.endpoint().key() + " [" + fuzz.defect() + "]";
                if (answer.status() >= 500) {
                    note(findings, examples, answer.status() + " server error", fuzz, answer);
                } else if (answer.status() >= 400) {
                    List<String> defects = Problems.defects(answer.status(), answer.contentType(), answer.text());
                    if (!defects.isEmpty() && refusedByHttpDecoder(fuzz, answer)) {
                        // Known limitation (SECURITY.md): Vert.x's HTTP decoder refuses a request it cannot frame
                        // before any handler runs, with a bare 400. Counted and printed, not hidden.
                        refusedByDecoder[0]++;
                    } else if (!defects.isEmpty()) {
                        note(findings, examples, answer.status() + " without a problem document " + defects.get(0), fuzz,
                                answer);
                    }
                }
                // Accounts, organisations, partners and webhooks are only written by those operations: compared there.
                Map<String, String> after = writesIdentityOrWebhooks(fuzz.endpoint()) ? witness.snapshot() : snapshot.get();
                if (REFUSED.contains(answer.status())) {
                    refusedRequests.add(requestId);
                    refusedKeys.add(idempotencyKey);
                    if (!after.equals(snapshot.get())) {
                        note(findings, examples, "a refused request changed accounts, partners or webhooks", fuzz, answer);
                    }
                }
                snapshot.set(after);
                if (sent[0] % 1000 == 0) {
                    System.out.printf("  fuzz: %d requests sent, last %s -> %d%n", sent[0], what, answer.status());
                }
            };
            // QuickTheories may run fewer examples than asked (one run ended at 3,693 of 5,000): further runs,
            // each with the next seed, make up the count.
            for (int round = 0; sent[0] < EXAMPLES && round < 10; round++) {
                qt().withExamples(EXAMPLES - sent[0]).withFixedSeed(SEED + round).withShrinkCycles(0).forAll(cases)
                        .checkAssert(attack);
            }

            long refusedEvents = witness.eventsCausedBy(refusedRequests);
            long refusedRecords = witness.idempotencyRecords(refusedKeys);
            if (refusedEvents > 0) {
                findings.put("events caused by refused requests", (int) refusedEvents);
            }
            if (refusedRecords > 0) {
                findings.put("idempotency records kept for refused requests", (int) refusedRecords);
            }
            // Every event the event stores gained is one an accepted request caused (or a reaction to it).
            try {
                await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        witness.events() - eventsBefore == witness.eventsCausedBy(allRequests));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                findings.put("events not explained by accepted requests: " + (witness.events() - eventsBefore
                        - witness.eventsCausedBy(allRequests)), 1);
            }
            int accepted = statuses.entrySet().stream().filter(s -> !REFUSED.contains(s.getKey()))
                    .mapToInt(Map.Entry::getValue).sum();
            JsonNode totalsAfter = totals(stack, world);
            System.out.printf("Fuzz: %d generated requests over %d write operations (seed %d): statuses %s;"
                            + " %d refused, each checked for no change; %d accepted or answered by the domain;"
                            + " feed totals %s -> %s; %d kinds of finding%n",
                    sent[0], writes.size(), SEED, statuses, refusedRequests.size(), accepted,
                    totalsBefore, totalsAfter, findings.size());
            if (accepted == 0 && !totalsAfter.equals(totalsBefore)) {
                findings.put("feed totals changed although every request was refused", 1);
            }
        }
        System.out.printf("  known limitation: %d requests with a control character in a header or a negative"
                + " Content-Length refused by the HTTP decoder with a bare 400%n", refusedByDecoder[0]);
        findings.forEach((finding, count) -> System.out.printf("  finding: %s (%d×), e.g. %s%n", finding, count,
                examples.getOrDefault(finding, "")));
        assertThat(sent[0]).as("requests sent").isGreaterThanOrEqualTo(EXAMPLES);
        assertThat(findings).as("fuzz findings").isEmpty();
    }

    private static boolean writesIdentityOrWebhooks(Endpoint endpoint) {
        String path = endpoint.path();
        return path.startsWith("/api/v1/auth/") || path.startsWith("/api/v1/organisations")
                || path.startsWith("/api/v1/partners");
    }

    private static void note(Map<String, Integer> findings, Map<String, String> examples, String finding, FuzzCase fuzz,
                             RawHttp.Response answer) {
        findings.merge(finding, 1, Integer::sum);
        examples.putIfAbsent(finding, fuzz + " -> " + answer);
    }

    /** Sends, and again after a 429 (the rate limit says nothing of the input): each try is bounded. */
    private static RawHttp.Response send(RunningStack stack, RawHttp.Request request, InetAddress source) {
        AtomicReference<RawHttp.Response> answer = new AtomicReference<>(
                RawHttp.exchange(stack.gateway(), source == null ? Loopback.next() : source, request));
        if (answer.get().status() != 429) {
            return answer.get();
        }
        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            answer.set(RawHttp.exchange(stack.gateway(), source == null ? Loopback.next() : source, request));
            return answer.get().status() != 429;
        });
        return answer.get();
    }

    /** The caller allowed to make the write, so that what it sends reaches validation. */
    private static Sender sender(ReliefWorld world, Endpoint endpoint) {
        ExpectedAccess.Rule rule = ExpectedAccess.RULES.get(endpoint.key());
        if (rule == null) {
            throw new AssertionError(endpoint.key() + " is not in the access table");
        }
        Set<Role> allowed = rule.allowed();
        if (allowed.contains(Role.ANONYMOUS)) {
            return new Sender(null, null, true);
        }
        if (allowed.contains(Role.WEBHOOK_PARTNER)) {
            return new Sender("X-Api-Key", world.webhookPartner.partner().apiKey(), false);
        }
        Role role = allowed.contains(Role.DONOR) ? Role.DONOR
                : allowed.contains(Role.COORDINATOR) ? Role.COORDINATOR : Role.ADMIN;
        String token = switch (role) {
            case DONOR -> world.donor.account().token();
            case COORDINATOR -> world.coordinator.account().token();
            default -> world.admin.adminToken();
        };
        return new Sender("Authorization", "Bearer " + token, false);
    }

    /** The defects one operation can be sent with, by how often each is tried. */
    private static Gen<FuzzCase> cases(OpenAPI api, ReliefWorld world, Endpoint endpoint, JsonNode validBody) {
        String path = world.path(endpoint.path());
        RawHttp.Request valid = validBody == null
                ? RawHttp.Request.of(endpoint.method(), path)
                : RawHttp.Request.of(endpoint.method(), path).body(bytes(validBody), "application/json");
        List<Pair<Integer, Gen<FuzzCase>>> kinds = new ArrayList<>();
        kinds.add(Pair.of(12, headerDefects(api, endpoint, valid)));
        kinds.add(Pair.of(12, pathDefects(endpoint, valid, world)));
        if (validBody != null) {
            Schema<?> schema = endpoint.bodySchema(api);
            List<String> fields = fields(api, schema, "");
            kinds.add(Pair.of(35, Generate.pick(fields).zip(hostileValues(), (field, value) ->
                    new FuzzCase(endpoint, field + " = " + abbreviate(value.toString()),
                            valid.body(bytes(replaced(validBody, field, value)), "application/json")))
                    .mix(Generate.pick(fields).flatMap(field -> typedValues(api, schemaAt(api, schema, field))
                    .map(value -> new FuzzCase(endpoint, field + " = " + abbreviate(value.toString()),
                            valid.body(bytes(replaced(validBody, field, value)), "application/json")))), 70)));
            List<String> required = required(api, schema, "", validBody);
            if (!required.isEmpty()) {
                kinds.add(Pair.of(8, Generate.pick(required).map(field -> new FuzzCase(endpoint, "without " + field,
                        valid.body(bytes(replaced(validBody, field, null)), "application/json")))));
            }
            kinds.add(Pair.of(6, Generate.pick(List.of("extra", "__proto__", "constructor", "id", "donorId", "status",
                    "reserved", "organisationId", "e\u0000xtra")).zip(hostileValues(), (name, value) -> {
                        ObjectNode extra = validBody.deepCopy();
                        extra.set(name, value);
                        return new FuzzCase(endpoint, "extra field " + abbreviate(name), valid.body(bytes(extra),
                                "application/json"));
                    })));
            kinds.add(Pair.of(5, Generate.pick(List.of(200, 1_001, 5_000, 100_000)).zip(Generate.pick(fields),
                    (depth, field) -> new FuzzCase(endpoint, field + " nested " + depth + " deep",
                            valid.body(nested(validBody, field, depth), "application/json")))));
            kinds.add(Pair.of(12, Generate.pick(rawBodies(validBody)).map(raw -> new FuzzCase(endpoint,
                    "raw body " + abbreviate(new String(raw, UTF_8)), valid.body(raw, "application/json")))));
            kinds.add(Pair.of(8, Generate.pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=relief", "application/json; charset=ISO-8859-1", "",
                    "application/jso", "*/*", "application/json\u0001")).map(type -> new FuzzCase(endpoint,
                    "Content-Type " + abbreviate(type), new RawHttp.Request(valid.method(), valid.target(), List.of(),
                    null).body(bytes(validBody), type)))));
        }
        return Generate.frequency(kinds);
    }

    private static Gen<FuzzCase> headerDefects(OpenAPI api, Endpoint endpoint, RawHttp.Request valid) {
        List<String[]> headers = new ArrayList<>();
        for (String key : List.of("", " ", "k".repeat(201), "key\u0001one", "key\u0000", "ключ-1", "key\r")) {
            headers.add(new String[] {"Idempotency-Key", key});
        }
        if (endpoint.takesHeader(api, "If-Match")) {
            for (String version : List.of("abc", "\"-1\"", "\"99999999999999999999\"", "\"1.5\"", "W/\"1\"", "\"\"",
                    "*", "\"1\", \"2\"", "\"1\u0000\"", "'1'")) {
                headers.add(new String[] {"If-Match", version});
            }
        }
        headers.add(new String[] {"X-Request-Id", "id\u0001with control"});
        headers.add(new String[] {"X-Relief\u0000Tag", "nul in a header name"});
        headers.add(new String[] {"X-Relief-Tag", "nul\u0000in a header value"});
        headers.add(new String[] {"X-Relief-Tag", "x".repeat(20_000)});
        headers.add(new String[] {"Content-Length", "-1"});
        return Generate.pick(headers).map(header -> {
            RawHttp.Request request = valid;
            if (header[0].equals("Content-Length")) {
                request = new RawHttp.Request(valid.method(), valid.target(), valid.headers(), null);
            }
            return new FuzzCase(endpoint, header[0] + ": " + abbreviate(header[1]), request.header(header[0], header[1]));
        });
    }

    private static Gen<FuzzCase> pathDefects(Endpoint endpoint, RawHttp.Request valid, ReliefWorld world) {
        List<String> ids = List.of("not-a-uuid", "%ZZ", "%00", "%", "..%2F..%2Fq%2Fhealth", "{id}", "-1", "1.5",
                "00000000-0000-0000-0000-00000000000G", "%27%3B%20DROP%20TABLE%20events%3B--", "%E2%80%AE",
                "%C0%80", "x".repeat(9_000), "%2e%2e", "a%0Db");
        String template = endpoint.path();
        return Generate.pick(ids).map(id -> {
            String target;
            if (template.contains("{")) {
                // The first parameter bad, any others real.
                target = world.path(template.replaceFirst("\\{[^}]+}", "BAD-ID")).replace("BAD-ID", id);
            } else {
                target = world.path(template) + "/" + id;
            }
            return new FuzzCase(endpoint, "path id " + abbreviate(id), valid.target(target));
        });
    }

    /** Values wrong for most fields: types, text PostgreSQL cannot store, sizes. */
    private static Gen<JsonNode> hostileValues() {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.nullNode(), NODES.booleanNode(true), NODES.arrayNode(),
                NODES.objectNode(), NODES.textNode(""), NODES.textNode("\u0000"), NODES.textNode("tent\u0000s"),
                NODES.textNode("\u0001\u001f\u007f"), NODES.textNode("\ud800"), NODES.textNode("\udfff\ud800"),
                NODES.textNode("\uffff\ufffe"), NODES.textNode("x".repeat(10_001)), NODES.textNode("é".repeat(5_001)),
                NODES.textNode("<script>alert(1)</script>"), NODES.textNode("' OR 1=1 --"),
                NODES.textNode("\r\nX-Injected: 1"), NODES.numberNode(-1), NODES.numberNode(0),
                NODES.numberNode(1.5), NODES.numberNode(new BigInteger("9223372036854775808")),
                NODES.numberNode(new BigDecimal("1e400")), NODES.textNode("2")));
        ArrayNode deep = NODES.arrayNode();
        deep.addArray().addArray().addObject().put("a", "\u0000");
        values.add(deep);
        return Generate.pick(values);
    }

    /** Values just outside (or just inside) what the field's type and bounds allow. */
    private static Gen<JsonNode> typedValues(OpenAPI api, Schema<?> schema) {
        String type = OpenApiDocument.type(api, schema);
        Schema<?> resolved = OpenApiDocument.resolve(api, schema);
        List<JsonNode> values = new ArrayList<>();
        switch (type) {
            case "integer" -> {
                values.addAll(List.of(NODES.numberNode(1.5), NODES.numberNode(0.5), NODES.numberNode(-1.5),
                        NODES.textNode("2"), NODES.textNode("1"), NODES.textNode("1e3"), NODES.numberNode(-1),
                        NODES.numberNode(0), NODES.numberNode(2_147_483_648L), NODES.numberNode(-2_147_483_649L),
                        NODES.numberNode(new BigInteger("99999999999999999999999")), NODES.numberNode(1e300),
                        NODES.numberNode(new BigDecimal("1.0")), NODES.numberNode(10_000_001)));
                if (resolved != null && resolved.getMaximum() != null) {
                    values.add(NODES.numberNode(resolved.getMaximum().add(BigDecimal.ONE)));
                }
                if (resolved != null && resolved.getMinimum() != null) {
                    values.add(NODES.numberNode(resolved.getMinimum().subtract(BigDecimal.ONE)));
                }
            }
            case "number" -> values.addAll(List.of(NODES.numberNode(91), NODES.numberNode(-181), NODES.numberNode(1e308),
                    NODES.numberNode(-1e308), NODES.textNode("30.1"), NODES.textNode("NaN"), NODES.textNode("Infinity"),
                    NODES.numberNode(0), NODES.numberNode(-0.0), NODES.numberNode(100.00001), NODES.numberNode(1.234567),
                    NODES.numberNode(new BigDecimal("1e-400"))));
            case "string" -> {
                values.addAll(List.of(NODES.textNode(""), NODES.textNode(" "), NODES.textNode("\u0000"),
                        NODES.textNode("a\u0000b"), NODES.textNode("\ud83d"), NODES.numberNode(42), NODES.numberNode(1.5),
                        NODES.booleanNode(false), NODES.arrayNode().add("a"), NODES.textNode("yesterday"),
                        NODES.textNode("2026-13-40T25:61:00Z"), NODES.textNode("+999999999-12-31T23:59:59Z"),
                        NODES.textNode("2026-11-21T08:30:00"), NODES.textNode("1970-01-01T00:00:00Z"),
                        NODES.textNode("not-a-uuid"), NODES.textNode("00000000-0000-0000-0000-00000000000G"),
                        NODES.textNode("javascript:alert(1)"), NODES.textNode("http://[::1"), NODES.textNode("critical"),
                        NODES.textNode("UNKNOWN")));
                if (resolved != null && resolved.getMaxLength() != null) {
                    values.add(NODES.textNode("y".repeat(resolved.getMaxLength() + 1)));
                }
                if (resolved != null && resolved.getEnum() != null && !resolved.getEnum().isEmpty()) {
                    String first = String.valueOf(resolved.getEnum().get(0));
                    values.add(NODES.textNode(first.toLowerCase(java.util.Locale.ROOT)));
                    values.add(NODES.textNode(first + "\u0000"));
                    values.add(NODES.textNode(" " + first));
                }
            }
            case "array" -> {
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 51; i++) {
                    many.add("need.*");
                }
                values.addAll(List.of(NODES.textNode("need.*"), NODES.arrayNode().addNull(),
                        NODES.arrayNode().add("\u0000"), NODES.arrayNode().add(1), many, NODES.arrayNode().addArray(),
                        NODES.arrayNode().add("https://x.org/a\u0000.jpg")));
            }
            case "object" -> values.addAll(List.of(NODES.textNode("object"), NODES.arrayNode(), NODES.numberNode(1),
                    NODES.objectNode().put("lat", "x").put("lon", new BigDecimal("1e999")), NODES.objectNode().put("amount", 1.5)
                            .put("currency", "CNY"), NODES.objectNode().put("amount", "100").put("currency", "XXX")));
            default -> values.addAll(List.of(NODES.textNode("\u0000"), NODES.numberNode(1.5), NODES.arrayNode()));
        }
        return Generate.pick(values);
    }

    /** Bodies that are not what JSON or UTF-8 allows, or not the shape expected. */
    private static List<byte[]> rawBodies(JsonNode validBody) {
        String json = new String(bytes(validBody), UTF_8);
        String firstText = firstTextField(validBody);
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(new byte[0]);
        bodies.add("null".getBytes(UTF_8));
        bodies.add("[]".getBytes(UTF_8));
        bodies.add("\"tents\"".getBytes(UTF_8));
        bodies.add("{".getBytes(UTF_8));
        bodies.add(json.substring(0, json.length() / 2).getBytes(UTF_8));
        bodies.add((json + "}").getBytes(UTF_8));
        bodies.add(json.replaceFirst("\\{", "{\"quantity\":1e999999,").getBytes(UTF_8));
        bodies.add(json.replaceFirst("\\{", "{\"quantity\":NaN,").getBytes(UTF_8));
        bodies.add(json.replaceFirst("\\{", "{\"a\":1,\"a\":2,").getBytes(UTF_8));
        bodies.add(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, json.getBytes(UTF_8)));
        bodies.add(json.replace("\"", "'").getBytes(UTF_8));
        bodies.add("{\"\u0000\":1}".getBytes(UTF_8));
        if (firstText != null) {
            // Invalid UTF-8 inside a string: a stray continuation byte, a lone 0xFF, an overlong NUL, an encoded surrogate.
            for (byte[] bad : List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0x80},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC3, 0x28}, new byte[] {0x01},
                    new byte[] {0x00})) {
                bodies.add(withBytesInText(validBody, firstText, bad));
            }
        }
        return bodies;
    }

    private static byte[] withBytesInText(JsonNode body, String field, byte[] inserted) {
        ObjectNode copy = body.deepCopy();
        copy.put(field, "MARK");
        String json = new String(bytes(copy), UTF_8);
        int at = json.indexOf("MARK");
        return concat(concat(json.substring(0, at).getBytes(UTF_8), inserted), json.substring(at + 4).getBytes(UTF_8));
    }

    private static String firstTextField(JsonNode body) {
        var names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (body.get(name).isTextual()) {
                return name;
            }
        }
        return null;
    }

    /** The body with the field (a dotted path) set to the value, or removed when the value is null. */
    private static JsonNode replaced(JsonNode body, String field, JsonNode value) {
        ObjectNode copy = body.deepCopy();
        String[] segments = field.split("\\.");
        ObjectNode parent = copy;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode next = parent.get(segments[i]);
            parent = next instanceof ObjectNode object ? object : parent.putObject(segments[i]);
        }
        String last = segments[segments.length - 1];
        if (value == null) {
            parent.remove(last);
        } else {
            parent.set(last, value);
        }
        return copy;
    }

    /** The body with the field set to arrays nested this deep (written by hand: Jackson would refuse to). */
    private static byte[] nested(JsonNode body, String field, int depth) {
        String json = new String(bytes(replaced(body, field, NODES.textNode("NESTED"))), UTF_8);
        String deep = "[".repeat(depth) + "1" + "]".repeat(depth);
        return json.replace("\"NESTED\"", deep).getBytes(UTF_8);
    }

    /** The body's fields as dotted paths, objects' fields included (two levels). */
    private static List<String> fields(OpenAPI api, Schema<?> schema, String prefix) {
        List<String> fields = new ArrayList<>();
        OpenApiDocument.properties(api, schema).forEach((name, property) -> {
            fields.add(prefix + name);
            if (prefix.isEmpty() && OpenApiDocument.type(api, property).equals("object")) {
                fields.addAll(fields(api, property, name + "."));
            }
        });
        return fields;
    }

    /** The required fields present in the valid body, as dotted paths. */
    private static List<String> required(OpenAPI api, Schema<?> schema, String prefix, JsonNode body) {
        List<String> required = new ArrayList<>();
        Schema<?> resolved = OpenApiDocument.resolve(api, schema);
        if (resolved == null || resolved.getRequired() == null) {
            return required;
        }
        for (String name : resolved.getRequired()) {
            if (body.has(name)) {
                required.add(prefix + name);
                Schema<?> property = OpenApiDocument.properties(api, resolved).get(name);
                if (prefix.isEmpty() && body.get(name).isObject() && property != null) {
                    required.addAll(required(api, property, name + ".", body.get(name)));
                }
            }
        }
        return required;
    }

    private static Schema<?> schemaAt(OpenAPI api, Schema<?> schema, String field) {
        Schema<?> current = schema;
        for (String segment : field.split("\\.")) {
            current = OpenApiDocument.properties(api, current).get(segment);
        }
        return current;
    }

    /** Waits until the event stores stop growing (the world's own reactions done) and returns their count. */
    private static long quietEvents(StateWitness witness) {
        long[] last = {-1};
        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            long now = witness.events();
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet;
        });
        return last[0];
    }

    private static JsonNode totals(RunningStack stack, ReliefWorld world) {
        return Api.require(stack.api().get("/api/v1/feed/campaigns/" + world.campaignId, Api.Credential.NONE), 200)
                .json().path("totals");
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return Api.JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
        return shown.replace("\u0000", "\\u0000").replace("\r", "\\r").replace("\n", "\\n");
    }

    /**
     * A request the HTTP decoder cannot frame (a control character in a header, a Content-Length that is not a number),
     * answered 400 with no body and no request id: Vert.x's decoder refused it before any Lifeline code ran (Quarkus
     * does not expose its invalid-request handler).
     */
    private static boolean refusedByHttpDecoder(FuzzCase fuzz, RawHttp.Response answer) {
        boolean unframable = fuzz.request().headers().stream().anyMatch(header ->
                (header.getKey() + header.getValue()).chars().anyMatch(c -> c < 0x20 && c != '\t')
                        || header.getKey().equalsIgnoreCase("Content-Length") && !header.getValue().matches("[0-9]+"));
        return unframable && answer.status() == 400 && answer.body().length == 0
                && answer.header("X-Request-Id") == null;
    }
}
