package org.lifeline.support;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request an id: the caller's {@code X-Request-Id} when it is 1–200 printable
 * characters, otherwise a new UUID. The id goes into the log context as {@code requestId} and back
 * on every response, including errors, 401s from the security layer and 404s.
 */
@Singleton
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    /** Ahead of CORS (300) and authentication (200), so that their responses carry the id too. */
    private static final int PRIORITY = 1000;
    private static final Pattern VALID = Pattern.compile("\\p{Print}{1,200}");

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    private void handle(RoutingContext context) {
        String id = requestId(context.request().getHeader(HEADER));
        // Replaced on the request too, so that handlers and proxied calls see the id in use.
        context.request().headers().set(HEADER, id);
        MDC.put(MDC_KEY, id);
        context.addHeadersEndHandler(ignored -> context.response().putHeader(HEADER, id));
        context.next();
    }

    /** The caller's id when it is acceptable, otherwise a new one. */
    static String requestId(String given) {
        return given != null && VALID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    /** The id of the request being handled, from the log context. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
