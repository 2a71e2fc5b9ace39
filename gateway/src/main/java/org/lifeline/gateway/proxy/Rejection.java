package org.lifeline.gateway.proxy;

import java.time.Duration;
import java.util.Map;
import org.lifeline.support.Problem;

/** Why the gateway answers a request itself instead of forwarding it; carries its problem's status, type and headers. */
final class Rejection extends RuntimeException {

    private final int status;
    private final String type;
    private final Map<String, String> headers;

    Rejection(int status, String type, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.headers = Map.copyOf(headers);
    }

    Rejection(int status, String detail, Map<String, String> headers) {
        this(status, Problem.BLANK_TYPE, detail, headers);
    }

    Rejection(int status, String detail) {
        this(status, detail, Map.of());
    }

    /**
     * A 429 or 503 of the kind {@code slug} (its type is {@code https://lifeline.org/problems/<slug>}), with a
     * {@code Retry-After} of the wait in whole seconds, at least one.
     */
    static Rejection tooMany(int status, String slug, String detail, Duration wait) {
        return new Rejection(status, Problem.TYPE_PREFIX + slug, detail,
                Map.of("Retry-After", Long.toString(retryAfterSeconds(wait))));
    }

    static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    Map<String, String> headers() {
        return headers;
    }
}
