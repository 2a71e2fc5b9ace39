package org.lifeline.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses, as problems, requests that must not reach a handler: a URI over {@value #MAX_URI_LENGTH} characters (414),
 * headers over {@value #MAX_HEADER_BYTES} bytes (431), a declared body over {@code quarkus.http.limits.max-body-size}
 * (413), a request target that is not a URI, and a path or query that is not correctly percent-encoded or decodes to
 * text PostgreSQL cannot store (400).
 *
 * <p>Quarkus checks the request target with {@link URI} itself, before any route, and answers a bare 400. Every
 * Lifeline JVM runs with {@value #URI_CHECK_PROPERTY}{@code =true} (the launcher, the test JVMs), which moves that same
 * check here, where the refusal is a problem with the request id. A JVM started without it is still protected: it
 * gets Quarkus' bare 400.
 *
 * <p>The HTTP layer's own limits ({@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size})
 * are set far above these in each app: past them Vert.x answers before any handler runs, with a bare status.
 */
@Singleton
public class EdgeFilter {

    /** The longest request target (path and query) served. */
    static final int MAX_URI_LENGTH = 8 * 1024;
    /** The most header bytes (names, values and their separators) served. */
    static final int MAX_HEADER_BYTES = 20 * 1024;

    static final String MALFORMED_URI_TYPE = Problem.TYPE_PREFIX + "malformed-uri";

    /** The JVM flag that leaves the request-target check to this filter instead of Quarkus' root handler. */
    public static final String URI_CHECK_PROPERTY = "vertx.disableURIValidation";

    /** After request ids (1000) and CORS (300), before authentication (200) and Quarkus' own body limit. */
    private static final int PRIORITY = 250;

    private final RouteProblems problems;
    private final long maxBodySize;

    EdgeFilter(RouteProblems problems,
               @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBodySize) {
        this.problems = problems;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        Optional<Problem> refusal = refusal(request.uri(), request.headers(), maxBodySize);
        if (refusal.isEmpty()) {
            context.next();
            return;
        }
        // A body that is not read must not be taken for the next request on the connection.
        problems.send(context, refusal.get(), refusal.get().status() == 413);
    }

    /** Why the request is refused, if it is. */
    static Optional<Problem> refusal(String uri, MultiMap headers, long maxBodySize) {
        if (uri.length() > MAX_URI_LENGTH) {
            return Optional.of(RouteProblems.plain(414,
                    "The request URI is longer than " + MAX_URI_LENGTH + " characters.", null));
        }
        int path = uri.indexOf('?');
        String rawPath = path < 0 ? uri : uri.substring(0, path);
        if (headerBytes(headers) > MAX_HEADER_BYTES) {
            return Optional.of(RouteProblems.plain(431,
                    "The request headers are larger than " + MAX_HEADER_BYTES + " bytes.", rawPath));
        }
        Optional<Problem> body = oversizedBody(headers.get(HttpHeaders.CONTENT_LENGTH), maxBodySize, rawPath);
        if (body.isPresent()) {
            return body;
        }
        Optional<Problem> badPath = badPath(rawPath);
        if (badPath.isPresent()) {
            return badPath;
        }
        Optional<Problem> badQuery = path < 0 ? Optional.empty() : badQuery(uri.substring(path + 1), rawPath);
        // Last, so that the checks above name the part or the parameter at fault where they can.
        return badQuery.isPresent() ? badQuery : notUri(uri);
    }

    /** The check Quarkus makes when {@value #URI_CHECK_PROPERTY} is not set: the same parser, answered as a problem. */
    private static Optional<Problem> notUri(String uri) {
        try {
            new URI(uri);
            return Optional.empty();
        } catch (URISyntaxException e) {
            // The reason and index only: the input itself is not echoed back.
            return Optional.of(malformed("The request target is not a valid URI: " + e.getReason() + " at index "
                    + e.getIndex() + ".", null, null));
        }
    }

    private static int headerBytes(MultiMap headers) {
        int bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }

    private static Optional<Problem> oversizedBody(String contentLength, long maxBodySize, String instance) {
        if (contentLength == null) {
            // A chunked body is counted while it is read: past the cap the REST layer answers a bare 413 itself.
            return Optional.empty();
        }
        try {
            if (Long.parseLong(contentLength.trim()) <= maxBodySize) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.of(RouteProblems.plain(400, "The Content-Length header is not a number.", instance));
        }
        return Optional.of(RouteProblems.plain(413,
                "The request body is larger than the limit of " + maxBodySize + " bytes.", instance));
    }

    private static Optional<Problem> badPath(String rawPath) {
        String path;
        try {
            path = URLDecoder.decode(rawPath, UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.of(malformed("The request path is not correctly percent-encoded.", rawPath, null));
        }
        if (!StorableText.isStorable(path)) {
            return Optional.of(malformed("The request path " + StorableText.MESSAGE + ".", rawPath, null));
        }
        return Optional.empty();
    }

    private static Optional<Problem> badQuery(String query, String instance) {
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String rawName = equals < 0 ? parameter : parameter.substring(0, equals);
            String name;
            try {
                name = URLDecoder.decode(rawName, UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.of(malformed("The query string is not correctly percent-encoded.", instance, null));
            }
            if (!StorableText.isStorable(name)) {
                return Optional.of(malformed("The query string " + StorableText.MESSAGE + ".", instance, null));
            }
            if (equals < 0) {
                continue;
            }
            try {
                if (!StorableText.isStorable(URLDecoder.decode(parameter.substring(equals + 1), UTF_8))) {
                    return Optional.of(malformed("Query parameter '" + name + "' " + StorableText.MESSAGE + ".",
                            instance, new Problem.FieldError(name, StorableText.MESSAGE)));
                }
            } catch (IllegalArgumentException e) {
                String message = "is not correctly percent-encoded";
                return Optional.of(malformed("Query parameter '" + name + "' " + message + ".", instance,
                        new Problem.FieldError(name, message)));
            }
        }
        return Optional.empty();
    }

    private static Problem malformed(String detail, String instance, Problem.FieldError error) {
        return new Problem(MALFORMED_URI_TYPE, "Malformed request URI", 400, detail, instance,
                error == null ? null : List.of(error), null);
    }
}
