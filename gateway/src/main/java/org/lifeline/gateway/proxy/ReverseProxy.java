package org.lifeline.gateway.proxy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lifeline.support.RequestIdFilter;

/**
 * The gateway's reverse proxy: requests whose path the {@link RouteTable} gives to a service are
 * checked at the edge (credentials, coarse access, rate limit, body size and type) and then
 * streamed to the service and back unchanged, bodies never buffered, so server-sent events pass
 * event by event. Every other path is left to the gateway's own endpoints, after the same rate
 * limit: the caller's bucket, or for {@code POST /api/v1/auth/*} a bucket per client address.
 * <p>
 * Long-lived streams (server-sent events) go through a connection pool of their own, so that short requests
 * never wait behind them, and each client may hold only {@code streams.max-per-client} of them. Bad credentials
 * draw on a bucket per address; once it is empty, credentials from that address are not even checked.
 */
@ApplicationScoped
public class ReverseProxy {

    /** After the filters (request id, CORS) and compression, before Quarkus REST. */
    private static final int ROUTE_ORDER = 1000;
    private static final String BEARER = "Bearer ";
    private static final String AUTH_PREFIX = "/api/v1/auth/";
    private static final Set<String> JSON_TYPES = Set.of("application/json", "application/merge-patch+json");
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final String EVENT_STREAM = "text/event-stream";
    static final String RATE_LIMITED = "rate-limited";
    static final String TOO_MANY_AUTH_REQUESTS = "too-many-auth-requests";
    static final String TOO_MANY_FAILED_CREDENTIALS = "too-many-failed-credentials";

    private final ProxyConfig config;
    private final RouteTable routes;
    private final RateLimiter limiter;
    private final RateLimiter authLimiter;
    private final RateLimiter failedCredentials;
    private final StreamSlots streams;
    private final List<PathPattern> streamRoutes;
    private final JWTParser tokens;
    private final PartnerAuthentication partners;
    private final ProxyProblems problems;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final List<Gauge> gauges;
    private volatile HttpClient client;
    private volatile HttpClient streamClient;

    ReverseProxy(ProxyConfig config, JWTParser tokens, PartnerAuthentication partners, ProxyProblems problems,
            Vertx vertx, MeterRegistry metrics) {
        this.config = config;
        this.routes = RouteTable.of(config.services());
        this.limiter = new RateLimiter(config.rateLimit().capacity(), config.rateLimit().refillPerSecond(),
                System::nanoTime);
        this.authLimiter = new RateLimiter(config.authRateLimit().capacity(),
                config.authRateLimit().refillPerSecond(), System::nanoTime);
        this.failedCredentials = new RateLimiter(config.failedCredentialsRateLimit().capacity(),
                config.failedCredentialsRateLimit().refillPerSecond(), System::nanoTime);
        this.streams = new StreamSlots(config.streams().poolSize(), config.streams().maxPerClient(),
                config.streams().maxPerNetwork(), config.retryAfter());
        this.streamRoutes = config.streams().routes().stream().map(PathPattern::parse).toList();
        this.tokens = tokens;
        this.partners = partners;
        this.problems = problems;
        this.vertx = vertx;
        this.metrics = metrics;
        this.gauges = List.of(
                Gauge.builder("lifeline.gateway.streams.open", streams, StreamSlots::open)
                        .description("Server-sent-event streams open through the gateway").register(metrics),
                Gauge.builder("lifeline.gateway.streams.clients", streams, StreamSlots::clients)
                        .description("Clients holding at least one open stream").register(metrics));
    }

    void install(@Observes Router router) {
        client = vertx.createHttpClient(clientOptions().setMaxPoolSize(config.poolSize()));
        // A pool of its own for streams, as large as the streams admitted at once (StreamSlots), so that a stream
        // never waits for a connection and a short request never waits behind a stream. A request's idle timeout
        // ends with the response head, so a stream that falls silent is cut by its connection's idle timeout,
        // which frees its slot too.
        streamClient = vertx.createHttpClient(clientOptions().setMaxPoolSize(config.streams().poolSize())
                .setIdleTimeout((int) config.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
        router.route("/api/v1/*").order(ROUTE_ORDER).handler(this::handle);
        routes.routes().forEach(route ->
                Log.debugf("proxy %s -> %s (%s)", route.pattern().text(), route.service(), route.target()));
    }

    private HttpClientOptions clientOptions() {
        return new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false);
    }

    void close(@Observes ShutdownEvent ignored) {
        if (client != null) {
            client.close();
        }
        if (streamClient != null) {
            streamClient.close();
        }
        // A registry that outlives this application (a test JVM starts several) would keep reading these slots.
        gauges.forEach(metrics::remove);
    }

    private void handle(RoutingContext context) {
        String path = context.normalizedPath();
        Optional<RouteTable.Route> route = routes.match(path);
        if (route.isEmpty()) {
            throttleOwn(context, path);
            return;
        }
        HttpServerRequest request = context.request();
        // Nothing of the body is read until the request is forwarded.
        request.pause();
        identify(request)
                .compose(caller -> admit(request, path, caller))
                .onSuccess(credential -> forward(context, route.get(), path, credential))
                .onFailure(failure -> reject(context, failure));
    }

    /** Whether the request opens a long-lived stream: it asks for server-sent events, or goes to a stream route. */
    private boolean isStream(HttpServerRequest request, String path) {
        if (!request.method().equals(HttpMethod.GET)) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return (accept != null && accept.toLowerCase(Locale.ROOT).contains(EVENT_STREAM))
                || streamRoutes.stream().anyMatch(pattern -> pattern.matches(path));
    }

    /**
     * The rate limit of the gateway's own endpoints, which then answer (and check credentials)
     * themselves: {@code POST /api/v1/auth/*} draws on its client address's bucket, anything
     * else on the caller's bucket, the same one its proxied requests draw on. A credential that
     * cannot be verified here counts as the client address; the endpoint then answers it itself.
     */
    private void throttleOwn(RoutingContext context, String path) {
        HttpServerRequest request = context.request();
        if (request.method().equals(HttpMethod.POST) && path.startsWith(AUTH_PREFIX)) {
            if (config.authRateLimit().enabled()) {
                Optional<Rejection> limited = take(authLimiter, EdgeCaller.anonymous(address(request)).rateKey(),
                        TOO_MANY_AUTH_REQUESTS);
                if (limited.isPresent()) {
                    request.pause();
                    problems.send(context, limited.get());
                    return;
                }
            }
            context.next();
            return;
        }
        if (!config.rateLimit().enabled()) {
            context.next();
            return;
        }
        // Quarkus REST reads the body itself once it runs; until then nothing of it is read.
        request.pause();
        identify(request)
                .map(credential -> Optional.of(credential.caller().rateKey()))
                .otherwise(failure -> failure instanceof Rejection rejection && rejection.status() == 429
                        ? Optional.empty()
                        : Optional.of(EdgeCaller.anonymous(address(request)).rateKey()))
                .onSuccess(rateKey -> {
                    if (rateKey.isEmpty()) {
                        // Too many bad credentials from this address: the endpoint need not check these either.
                        problems.send(context, failedCredentialsLimited(address(request)));
                        return;
                    }
                    take(limiter, rateKey.get(), RATE_LIMITED).ifPresentOrElse(
                            limited -> problems.send(context, limited), context::next);
                });
    }

    /**
     * The caller behind the request's bearer token or API key; fails with a 401 for a bad one, which draws on the
     * address's failed-credentials bucket, and with a 429 once that bucket is empty. Even then a bearer token is still
     * checked (a signature check here, no database) and a valid one passes, so that one guesser behind a camp's NAT
     * does not lock out everyone signed in there; an API key is then not looked up at all.
     */
    private Future<Credential> identify(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String apiKey = request.getHeader(HeaderHygiene.API_KEY);
        String address = address(request);
        if (authorization == null && apiKey == null) {
            return Future.succeededFuture(new Credential(EdgeCaller.anonymous(address), null));
        }
        if (!config.failedCredentialsRateLimit().enabled()) {
            return verify(authorization, apiKey);
        }
        String bucket = EdgeCaller.anonymous(address).rateKey();
        boolean exhausted = !failedCredentials.waitFor(bucket).isZero();
        if (exhausted && authorization == null) {
            return Future.failedFuture(failedCredentialsLimited(address));
        }
        return verify(authorization, apiKey).recover(failure -> {
            if (failure instanceof Rejection rejection && rejection.status() == 401) {
                if (exhausted) {
                    return Future.failedFuture(failedCredentialsLimited(address));
                }
                failedCredentials.acquire(bucket);
            }
            return Future.failedFuture(failure);
        });
    }

    private Rejection failedCredentialsLimited(String address) {
        Duration wait = failedCredentials.waitFor(EdgeCaller.anonymous(address).rateKey());
        return Rejection.tooMany(429, TOO_MANY_FAILED_CREDENTIALS, "Too many requests with invalid credentials from "
                + "this address; retry in " + Rejection.retryAfterSeconds(wait) + " s.", wait);
    }

    /** Checks the bearer token, or else the API key. */
    private Future<Credential> verify(String authorization, String apiKey) {
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Future.failedFuture(unauthorized("Only bearer tokens are accepted."));
            }
            String token = authorization.substring(BEARER.length()).trim();
            return vertx.executeBlocking(() -> tokens.parse(token), false)
                    .recover(failure -> Future.failedFuture(failure instanceof ParseException
                            ? unauthorized("The bearer token is invalid or has expired.")
                            : failure))
                    .map(jwt -> new Credential(account(jwt), token));
        }
        return Future.fromCompletionStage(partners.authenticate(apiKey).subscribeAsCompletionStage(),
                        vertx.getOrCreateContext())
                .compose(partner -> partner
                        .map(p -> Future.succeededFuture(new Credential(new EdgeCaller(
                                "sub:partner:" + p.partnerId(), true, Set.of(), p.scopes()), p.bearerToken())))
                        .orElseGet(() -> Future.failedFuture(
                                unauthorized("The API key is unknown or has been revoked."))));
    }

    /**
     * The coarse access check, the caller's rate limit, the body checks and, for a stream, a stream slot, in that
     * order.
     */
    private Future<Credential> admit(HttpServerRequest request, String path, Credential credential) {
        EdgeCaller caller = credential.caller();
        AccessRules.Requirement requirement = AccessRules.requirement(request.method(), path);
        if (!requirement.allows(caller)) {
            return Future.failedFuture(caller.authenticated()
                    ? new Rejection(403, "The caller may not do this.")
                    : unauthorized("A valid bearer token or API key is required."));
        }
        if (config.rateLimit().enabled()) {
            Optional<Rejection> limited = take(limiter, caller.rateKey(), RATE_LIMITED);
            if (limited.isPresent()) {
                return Future.failedFuture(limited.get());
            }
        }
        if (isStream(request, path)) {
            try {
                return Future.succeededFuture(credential.holding(streams.take(caller.rateKey(), address(request))));
            } catch (Rejection full) {
                return Future.failedFuture(full);
            }
        }
        if (hasBody(request)) {
            long length = contentLength(request);
            if (length > config.maxBodySize().asLongValue()) {
                return Future.failedFuture(tooLarge());
            }
            if (WITH_BODY.contains(request.method()) && !isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
                return Future.failedFuture(new Rejection(415,
                        "The request body must be application/json or application/merge-patch+json."));
            }
        }
        return Future.succeededFuture(credential);
    }

    /** Takes a token from the key's bucket: empty when there was one, otherwise the 429 with its {@code Retry-After}. */
    private static Optional<Rejection> take(RateLimiter bucket, String rateKey, String type) {
        Duration wait = bucket.acquire(rateKey);
        if (wait.isZero()) {
            return Optional.empty();
        }
        return Optional.of(Rejection.tooMany(429, type,
                "Too many requests; retry in " + Rejection.retryAfterSeconds(wait) + " s.", wait));
    }

    private static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private void forward(RoutingContext context, RouteTable.Route route, String path, Credential credential) {
        HttpServerRequest in = context.request();
        HttpServerResponse out = context.response();
        URI target = route.target();
        String uri = in.query() == null ? path : path + "?" + in.query();
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(target.getHost())
                .setPort(target.getPort() < 0 ? 80 : target.getPort())
                .setURI(uri)
                .setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.idleTimeout().toMillis());
        StreamSlots.Slot slot = credential.stream();
        HttpClient pool = slot == null ? client : streamClient;
        // A stream's slot is given back however it ends: refused, failed, ended by the service, cut by the idle
        // timeout or left by the client. Releasing it is idempotent, so every way out may do it.
        Runnable ended = slot == null ? () -> { } : slot::release;
        pool.request(options).onComplete(connected -> {
            if (connected.failed()) {
                ended.run();
                unavailable(context, route, connected.cause());
                return;
            }
            HttpClientRequest downstream = connected.result();
            downstream.headers().setAll(outgoingHeaders(in, credential));
            downstream.response().onComplete(answered -> {
                if (answered.failed()) {
                    ended.run();
                    failed(context, route, answered.cause());
                } else {
                    relay(context, downstream, answered.result(), ended);
                }
            });
            // A client gone before or during the answer takes the exchange with the service along.
            out.closeHandler(ignored -> {
                ended.run();
                downstream.reset();
            });
            streamBody(context, downstream);
        });
    }

    private MultiMap outgoingHeaders(HttpServerRequest in, Credential credential) {
        MultiMap headers = HeaderHygiene.forwardable(in.headers());
        if (credential.bearerToken() != null) {
            headers.set(HttpHeaders.AUTHORIZATION, BEARER + credential.bearerToken());
        }
        // X-Request-Id was set on the request by RequestIdFilter; traceparent/tracestate pass as they are.
        headers.set(RequestIdFilter.HEADER, in.getHeader(RequestIdFilter.HEADER));
        headers.set("X-Forwarded-For", in.remoteAddress() == null ? "unknown" : in.remoteAddress().hostAddress());
        headers.set("X-Forwarded-Proto", in.scheme() == null ? "http" : in.scheme());
        if (in.authority() != null) {
            headers.set("X-Forwarded-Host", in.authority().toString());
        }
        return headers;
    }

    /** Streams the client's body to the service as it comes, counting it against the size limit. */
    private void streamBody(RoutingContext context, HttpClientRequest downstream) {
        HttpServerRequest in = context.request();
        if (!hasBody(in)) {
            in.resume();
            downstream.end();
            return;
        }
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            downstream.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else {
            downstream.setChunked(true);
        }
        long limit = config.maxBodySize().asLongValue();
        long[] received = {0};
        in.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > limit) {
                in.handler(null);
                in.endHandler(null);
                // The 413 goes out first, so that the failure the reset causes finds the answer given.
                problems.send(context, tooLarge());
                downstream.reset();
                return;
            }
            downstream.write(chunk);
            if (downstream.writeQueueFull()) {
                in.pause();
                downstream.drainHandler(ignored -> in.resume());
            }
        });
        in.endHandler(ignored -> downstream.end());
        in.exceptionHandler(ignored -> downstream.reset());
        in.resume();
    }

    /** Sends the service's answer on, its body streamed chunk by chunk; {@code ended} runs when it is over. */
    private void relay(RoutingContext context, HttpClientRequest downstream, HttpClientResponse answer,
            Runnable ended) {
        HttpServerResponse out = context.response();
        if (out.ended() || out.closed()) {
            ended.run();
            downstream.reset();
            return;
        }
        out.setStatusCode(answer.statusCode());
        if (answer.statusMessage() != null) {
            out.setStatusMessage(answer.statusMessage());
        }
        out.headers().addAll(HeaderHygiene.returnable(answer.headers()));
        if (!answer.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            out.setChunked(true);
        }
        answer.pipe()
                .endOnFailure(false)
                .to(out)
                .onComplete(done -> ended.run())
                .onFailure(failure -> {
                    // Mid-stream, all that is left is to cut the client's exchange too.
                    Log.debugf("proxied response from %s ended early: %s", downstream.getURI(), failure.toString());
                    out.reset();
                });
    }

    private void unavailable(RoutingContext context, RouteTable.Route route, Throwable cause) {
        Log.warnf("%s is unavailable at %s: %s", route.service(), route.target(), cause.toString());
        long seconds = Math.max(1, config.retryAfter().toSeconds());
        problems.send(context, 503, "The " + route.service() + " service is unavailable; retry later.",
                Map.of("Retry-After", Long.toString(seconds)));
    }

    private void failed(RoutingContext context, RouteTable.Route route, Throwable cause) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        if (cause instanceof TimeoutException) {
            Log.warnf("%s did not answer %s in time", route.service(), context.request().path());
            problems.send(context, 504, "The " + route.service() + " service did not answer in time.", Map.of());
        } else if (isUnreachable(cause)) {
            unavailable(context, route, cause);
        } else {
            Log.warnf("%s gave no usable answer to %s: %s", route.service(), context.request().path(), cause.toString());
            problems.send(context, 502, "The " + route.service() + " service gave no usable answer.", Map.of());
        }
    }

    private void reject(RoutingContext context, Throwable failure) {
        if (failure instanceof Rejection rejection) {
            problems.send(context, rejection);
        } else {
            Log.errorf(failure, "%s %s failed at the gateway", context.request().method(), context.request().path());
            problems.send(context, 500, "An unexpected error occurred. Quote request id "
                    + context.request().getHeader(RequestIdFilter.HEADER) + " when reporting it.", Map.of());
        }
    }

    private static boolean isUnreachable(Throwable cause) {
        return cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException;
    }

    /** Whether the request announces a body: a non-zero Content-Length or a chunked transfer. */
    static boolean hasBody(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return contentLength(request) > 0 || (encoding != null && !encoding.isBlank());
    }

    private static long contentLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return JSON_TYPES.contains(mediaType);
    }

    private static Rejection unauthorized(String detail) {
        return new Rejection(401, detail, Map.of("WWW-Authenticate", "Bearer"));
    }

    private Rejection tooLarge() {
        return new Rejection(413, "The request body exceeds " + config.maxBodySize().asLongValue() + " bytes.");
    }

    /** An account's view from its verified token: {@code sub}, {@code groups}, and a partner token's scopes. */
    private static EdgeCaller account(JsonWebToken jwt) {
        Set<String> roles = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
        return new EdgeCaller("sub:" + jwt.getSubject(), true, roles, scopes(jwt));
    }

    /** Scopes from {@code scope} (space-separated, RFC 8693) or a {@code scopes} array. */
    private static Set<String> scopes(JsonWebToken jwt) {
        Set<String> scopes = new HashSet<>();
        Object scope = jwt.getClaim("scope");
        if (scope != null) {
            String text = scope instanceof JsonString json ? json.getString() : scope.toString();
            scopes.addAll(Arrays.stream(text.split("\\s+")).filter(s -> !s.isBlank()).toList());
        }
        Object list = jwt.getClaim("scopes");
        if (list instanceof JsonArray array) {
            scopes.addAll(array.stream().map(ReverseProxy::text).collect(Collectors.toSet()));
        } else if (list instanceof Collection<?> collection) {
            scopes.addAll(collection.stream().map(Object::toString).collect(Collectors.toSet()));
        }
        return scopes;
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString json ? json.getString() : value.toString();
    }

    /**
     * The caller, the token to forward on its behalf (none for anonymous callers) and, for a stream, the slot it
     * holds.
     */
    private record Credential(EdgeCaller caller, String bearerToken, StreamSlots.Slot stream) {

        Credential(EdgeCaller caller, String bearerToken) {
            this(caller, bearerToken, null);
        }

        Credential holding(StreamSlots.Slot slot) {
            return new Credential(caller, bearerToken, slot);
        }
    }
}
