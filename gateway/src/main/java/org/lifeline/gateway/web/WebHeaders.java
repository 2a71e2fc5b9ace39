package org.lifeline.gateway.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headers of every response of the web app (the shell at {@code /}, its bundled assets, its config): a
 * Content-Security-Policy that allows scripts, styles and connections to this origin only (never inline script),
 * images from https (posts' media) and from the configured tile server, no framing; {@code nosniff}; no referrer.
 * Bundled assets carry a content hash in their names and are cached for a year; the shell is revalidated each time,
 * so a new build is picked up at once. The API ({@code /api/}), {@code /q/} and {@code /.well-known/} keep their own.
 */
@Singleton
public class WebHeaders {

    /** Bundled files are named {@code <name>-<HASH>.<ext>} by the Web Bundler. */
    static final String BUNDLE_PATH = "/static/bundle/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** After the edge checks (EdgeFilter, 250), which refuse a malformed path first; it only adds headers. */
    private static final int PRIORITY = 100;
    private static final Pattern ORIGIN = Pattern.compile("^(https?://[^/?#]+)", Pattern.CASE_INSENSITIVE);

    private final String contentSecurityPolicy;

    WebHeaders(WebConfig config) {
        this.contentSecurityPolicy = contentSecurityPolicy(config.mapTiles());
    }

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, PRIORITY);
    }

    static String contentSecurityPolicy(Optional<String> mapTiles) {
        String tiles = mapTiles.flatMap(WebHeaders::origin).map(origin -> " " + origin).orElse("");
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:" + tiles
                + "; connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self';"
                + " form-action 'self'";
    }

    /** The origin of a tile URL template, a {@code {s}} subdomain as a wildcard ({@code https://*.tiles.example}). */
    static Optional<String> origin(String template) {
        Matcher matcher = ORIGIN.matcher(template.trim());
        if (!matcher.find()) {
            return Optional.empty();
        }
        String origin = matcher.group(1).replace("{s}.", "*.");
        // Anything else left from the template (a placeholder in the host) could widen the policy: leave it out.
        return origin.matches("(?i)https?://(\\*\\.)?[a-z0-9.-]+(:[0-9]+)?")
                ? Optional.of(origin.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private void addHeaders(RoutingContext context) {
        String path;
        try {
            path = context.normalizedPath();
        } catch (RuntimeException malformed) {
            // Not a path the web app serves; the edge answers it (a JVM without the edge's URI check gets here).
            context.next();
            return;
        }
        if (path.startsWith("/api/") || path.startsWith("/q/") || path.startsWith("/.well-known/")) {
            context.next();
            return;
        }
        context.addHeadersEndHandler(ignored -> {
            HttpServerResponse response = context.response();
            response.putHeader("Content-Security-Policy", contentSecurityPolicy);
            response.putHeader("X-Content-Type-Options", "nosniff");
            response.putHeader("Referrer-Policy", "no-referrer");
            boolean hashed = path.startsWith(BUNDLE_PATH) && response.getStatusCode() == 200;
            response.putHeader("Cache-Control", hashed ? IMMUTABLE : "no-cache");
        });
        context.next();
    }
}
