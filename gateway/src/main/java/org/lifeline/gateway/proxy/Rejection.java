package org.lifeline.gateway.proxy;

import java.util.Map;

/** Why the gateway answers a request itself instead of forwarding it; carries its problem's status and headers. */
final class Rejection extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;

    Rejection(int status, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    Rejection(int status, String detail) {
        this(status, detail, Map.of());
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }
}
