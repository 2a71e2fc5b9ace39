package org.lifeline.kernel.consumer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.List;

/** A read model fed by events: applies one event in a transaction, and can forget everything to be rebuilt. */
public interface Projection {

    /** The consumer name: Kafka consumer group and key of its applied events. */
    String name();

    /** The topics it reads. */
    List<String> topics();

    /** Applies an event inside {@code tx}; throws {@link PoisonEvent} for an event it can never apply. */
    Uni<Void> apply(SqlConnection tx, IncomingEvent event);

    /** Empties the projection's tables inside {@code tx}, before a replay from the start of its topics. */
    Uni<Void> reset(SqlConnection tx);

    /**
     * Called after the transaction that applied an event committed; a projection that appended
     * events there pokes the outbox relay here, so they are published at once rather than at its next poll.
     */
    default void afterCommit() {
    }
}
