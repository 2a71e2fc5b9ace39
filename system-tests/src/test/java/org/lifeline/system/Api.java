package org.lifeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A small client of the public API through the gateway, for system tests: JSON requests with a
 * bearer token or an API key, answers as {@link Answer}, and the actors of the product (admin,
 * organisations, coordinators, donors, partners) made the way a user would make them. Every
 * request has a bounded timeout, so a hanging service fails a test instead of stalling it.
 * A client {@link #from from} its own loopback address counts as another client address for the
 * gateway's per-address limits, as another person on another machine would.
 */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    // HTTP/1.1: the JDK client otherwise asks for an h2c upgrade, which the HTTP/2 test exercises on its own.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ConcurrentMap<InetAddress, HttpClient> FROM = new ConcurrentHashMap<>();

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private volatile String adminToken;

    public Api(URI base) {
        this(base, HTTP);
    }

    private Api(URI base, HttpClient http) {
        this(base, http, TIMEOUT);
    }

    private Api(URI base, HttpClient http, Duration timeout) {
        this.base = base;
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * A client whose requests leave from {@code localAddress} (any of 127.0.0.0/8 on Linux), so that the
     * gateway's per-address limits of one test class do not spend another's, and time out after {@code timeout}.
     */
    public Api(URI base, InetAddress localAddress, Duration timeout) {
        this(URI.create("http://127.0.0.1:" + base.getPort()), client(localAddress), timeout);
    }

    /** The same API called from another loopback address (such as {@code 127.2.0.7}). */
    public Api from(InetAddress source) {
        // An IPv4 source needs an IPv4 destination: "localhost" may resolve to ::1 first.
        return new Api(URI.create("http://127.0.0.1:" + base.getPort()), client(source), timeout);
    }

    private static HttpClient client(InetAddress source) {
        return FROM.computeIfAbsent(source, address -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).localAddress(address).connectTimeout(Duration.ofSeconds(5)).build());
    }

    public URI base() {
        return base;
    }

    /** One answer: status, headers and body (parsed as JSON when it is JSON). */
    public record Answer(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        public String contentType() {
            String type = header("Content-Type");
            return type == null ? "" : type;
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }

    /** Who sends a request: nobody, a bearer token or a partner's API key. */
    public record Credential(String bearer, String apiKey) {
        public static final Credential NONE = new Credential(null, null);

        public static Credential bearer(String token) {
            return new Credential(token, null);
        }

        public static Credential apiKey(String key) {
            return new Credential(null, key);
        }
    }

    public Answer get(String path, Credential who) {
        return send("GET", path, who, null, Map.of());
    }

    public Answer post(String path, Credential who, Object body) {
        return send("POST", path, who, body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    /** Sends a request; {@code body} is a JSON string as given, or any object written as JSON. */
    public Answer send(String method, String path, Credential who, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (who.bearer() != null) {
            request.header("Authorization", "Bearer " + who.bearer());
        }
        if (who.apiKey() != null) {
            request.header("X-Api-Key", who.apiKey());
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : write(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ----- the actors of the product, made through the public API -----

    /** The admin's token, fetched once per client (it lasts an hour): sign-ins are rate limited per address. */
    public String adminToken() {
        String token = adminToken;
        if (token == null) {
            token = token(RunningStack.ADMIN_EMAIL, RunningStack.ADMIN_PASSWORD);
            adminToken = token;
        }
        return token;
    }

    public String token(String email, String password) {
        Answer answer = post("/api/v1/auth/token", Credential.NONE, Map.of("email", email, "password", password));
        require(answer, 200);
        return answer.json().get("accessToken").asText();
    }

    /** Registers a donor with a fresh email and returns its token. */
    public Account donor(String displayName) {
        String email = displayName.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID() + "@example.org";
        String password = "password of " + displayName;
        require(post("/api/v1/auth/register", Credential.NONE,
                Map.of("email", email, "password", password, "displayName", displayName)), 201);
        return new Account(email, password, token(email, password));
    }

    public String organisation(String name) {
        Answer answer = post("/api/v1/organisations", Credential.bearer(adminToken()), Map.of("name", name));
        require(answer, 201);
        return answer.json().get("id").asText();
    }

    /** A new account made coordinator of the organisation, with a token that says so. */
    public Account coordinator(String organisationId, String displayName) {
        Account account = donor(displayName);
        require(post("/api/v1/organisations/" + organisationId + "/coordinators", Credential.bearer(adminToken()),
                Map.of("email", account.email())), 200, 201);
        return new Account(account.email(), account.password(), token(account.email(), account.password()));
    }

    /** A partner API key with these scopes. */
    public String partner(String name, String organisationId, List<String> scopes) {
        return newPartner(name, organisationId, scopes).apiKey();
    }

    /** A partner with these scopes: its id (to revoke its key) and its API key. */
    public Partner newPartner(String name, String organisationId, List<String> scopes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (organisationId != null) {
            body.put("organisationId", organisationId);
        }
        body.put("scopes", scopes);
        Answer answer = post("/api/v1/partners", Credential.bearer(adminToken()), body);
        require(answer, 201);
        return new Partner(answer.json().get("id").asText(), answer.json().get("apiKey").asText());
    }

    public record Account(String email, String password, String token) {
        public Credential credential() {
            return Credential.bearer(token);
        }

        /** The account's id: its token's subject. */
        public String id() {
            String payload = token.split("\\.")[1];
            try {
                return JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload)).get("sub").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public record Partner(String id, String apiKey) {
        public Credential credential() {
            return Credential.apiKey(apiKey);
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static Answer require(Answer answer, int... statuses) {
        for (int status : statuses) {
            if (answer.status() == status) {
                return answer;
            }
        }
        throw new AssertionError("expected " + java.util.Arrays.toString(statuses) + " but got " + answer);
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
