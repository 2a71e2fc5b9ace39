package org.lifeline.testing;

/**
 * The shared embedded PostgreSQL of the test JVM: stop it and restart it on the same port, with the same data, as a
 * database outage would. Every database of the test JVM goes down with it.
 */
public final class EmbeddedPostgres {

    EmbeddedPostgres() {
    }

    /** Stops the server (open sessions are ended), keeping its data and port. */
    public void stop() {
        TestInfra.shared("stopPostgres");
    }

    /** Starts the server again after {@link #stop()}; returns once it accepts clients. */
    public void restart() {
        TestInfra.shared("restartPostgres");
    }

    public boolean isRunning() {
        return (Boolean) TestInfra.shared("postgresRunning");
    }
}
