package org.lifeline.support;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;

/**
 * Tells a failure caused by the database being out of reach (refused, dropped, shutting down) from any other,
 * so that a request caught by an outage is answered 503 with {@code Retry-After}, as the API promises for a
 * dependency that is down, and not as an unexpected error.
 */
final class DatabaseOutage {

    private DatabaseOutage() {
    }

    static boolean caused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClosedConnectionException || t instanceof ConnectException) {
                return true;
            }
            // 08: connection exceptions; 57P: the server is shutting down or not yet accepting connections.
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
