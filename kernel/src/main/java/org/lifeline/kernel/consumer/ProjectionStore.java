package org.lifeline.kernel.consumer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies events to a projection exactly once: the event is recorded as applied in the same
 * transaction that changes the projection, so a redelivered event changes nothing.
 */
public final class ProjectionStore {

    private final Pool pool;

    public ProjectionStore(Pool pool) {
        this.pool = pool;
    }

    /** Applies the event unless this projection already has; answers whether it applied it now. */
    public Uni<Boolean> applyOnce(Projection projection, IncomingEvent event) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "INSERT INTO applied_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(projection.name(), event.id()))
                .flatMap(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : projection.apply(tx, event).replaceWith(true)));
    }

    /** Empties the projection and forgets which events it applied, in one transaction. */
    public Uni<Void> reset(Projection projection) {
        return pool.withTransaction(tx -> projection.reset(tx)
                .call(() -> tx.preparedQuery("DELETE FROM applied_events WHERE consumer = $1")
                        .execute(Tuple.of(projection.name()))));
    }
}
