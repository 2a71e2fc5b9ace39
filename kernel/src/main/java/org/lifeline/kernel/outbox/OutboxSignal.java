package org.lifeline.kernel.outbox;

import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Tells the relays that outbox rows were committed ({@code NOTIFY lifeline_outbox}), after the
 * commit; see {@link CommitSignal}. A lost poke costs the relay's idle poll.
 */
public final class OutboxSignal extends CommitSignal {

    public OutboxSignal(Vertx vertx, PgConnectOptions db) {
        super(vertx, db, "NOTIFY lifeline_outbox");
    }
}
