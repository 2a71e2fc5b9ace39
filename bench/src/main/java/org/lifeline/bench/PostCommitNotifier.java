package org.lifeline.bench;

import io.vertx.mutiny.sqlclient.Pool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prototype of the proposed fix for the outbox wake-up: instead of a NOTIFY inside every appending
 * transaction (the {@code outbox_inserted} trigger), the writer calls {@link #poke()} after its commit,
 * and at most one {@code NOTIFY lifeline_outbox} is in flight on a connection of its own. A poke that
 * arrives while one is in flight sends exactly one more after it, so every commit is followed by a
 * notification, but a thousand commits cost a handful of them.
 *
 * <p>Why: PostgreSQL serialises the commits of notifying transactions (PreCommit_Notify takes a
 * database-wide lock held until the commit record is flushed), so a NOTIFY per append forbids group
 * commit among appends.
 */
final class PostCommitNotifier {

    private static final int IDLE = 0;
    private static final int IN_FLIGHT = 1;
    private static final int IN_FLIGHT_AND_REQUESTED = 2;

    private final Pool connection;
    private final AtomicInteger state = new AtomicInteger(IDLE);

    /** @param connection a pool of one connection, used only for the notifications */
    PostCommitNotifier(Pool connection) {
        this.connection = connection;
    }

    /** After a commit that wrote outbox rows: makes sure a notification is sent after this moment. */
    void poke() {
        while (true) {
            int s = state.get();
            if (s == IDLE && state.compareAndSet(IDLE, IN_FLIGHT)) {
                send();
                return;
            }
            if (s == IN_FLIGHT_AND_REQUESTED || (s == IN_FLIGHT && state.compareAndSet(IN_FLIGHT, IN_FLIGHT_AND_REQUESTED))) {
                return;
            }
        }
    }

    private void send() {
        // A failed NOTIFY is not retried: the relay's idle poll is the safety net.
        connection.query("NOTIFY lifeline_outbox").execute().subscribe().with(ok -> sent(), failure -> sent());
    }

    private void sent() {
        while (true) {
            int s = state.get();
            if (s == IN_FLIGHT_AND_REQUESTED && state.compareAndSet(IN_FLIGHT_AND_REQUESTED, IN_FLIGHT)) {
                send();
                return;
            }
            if (s == IN_FLIGHT && state.compareAndSet(IN_FLIGHT, IDLE)) {
                return;
            }
        }
    }
}
