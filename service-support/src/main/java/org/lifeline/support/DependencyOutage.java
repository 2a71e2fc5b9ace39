package org.lifeline.support;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Recognises the failures that mean a dependency (the service's PostgreSQL) cannot be reached right now: the request
 * is answered 503 with {@code Retry-After}, for the client to try again, rather than 500, which says the service is
 * broken.
 */
final class DependencyOutage {

    /** Seconds a client is asked to wait before it tries again. */
    static final int RETRY_AFTER_SECONDS = 5;

    /**
     * SQLSTATEs of a server that is going away or cannot take the session: class 08 (connection exception) is matched
     * by its prefix; 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up or shutting
     * down), 53300 too many connections.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    /**
     * How the reactive SQL client says that a connection was lost or never came, when it has no exception type for
     * it: a pooled connection closed under a command, and a wait for a free connection that timed out.
     */
    private static final Set<String> CLIENT_MESSAGES = Set.of(
            "Pending requests failed to be sent due to connection has been closed.",
            "Connection is not active now, current status: CLOSED",
            "Timeout",
            "Timeout waiting for connection");

    private DependencyOutage() {
    }

    /** Whether the failure, or one of its causes, is a dependency that cannot be reached. */
    static boolean causedBy(Throwable failure) {
        // Bounded: a chain of causes can loop.
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (isOutage(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutage(Throwable failure) {
        return switch (failure) {
            // Refused, reset, or a connect that timed out (Netty's ConnectTimeoutException is a ConnectException).
            case SocketException e -> true;
            case ClosedChannelException e -> true;
            case ClosedConnectionException e -> true;
            case ConnectionPoolTooBusyException e -> true;
            case PgException e -> e.getSqlState() != null
                    && (e.getSqlState().startsWith("08") || UNAVAILABLE_STATES.contains(e.getSqlState()));
            case VertxException e -> CLIENT_MESSAGES.contains(e.getMessage());
            case NoStackTraceThrowable e -> CLIENT_MESSAGES.contains(e.getMessage());
            default -> false;
        };
    }
}
