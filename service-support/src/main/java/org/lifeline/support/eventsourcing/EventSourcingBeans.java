package org.lifeline.support.eventsourcing;

import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.Publication;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.IdempotencyStore;
import org.lifeline.kernel.outbox.OutboxSignal;
import org.lifeline.support.LifelineConfig;

/**
 * The kernel's write side for a service with an event store ({@code lifeline.event-store.enabled=true}
 * at build time). The service provides the {@link Publication} that says what it publishes.
 */
@ApplicationScoped
@IfBuildProperty(name = "lifeline.event-store.enabled", stringValue = "true")
public class EventSourcingBeans {

    /** How often a command that lost a race on its stream's version is decided again. */
    private static final int ATTEMPTS_ON_CONFLICT = 10;

    @Produces
    @Singleton
    EventStore eventStore(Pool pool, LifelineConfig config, Publication publication) {
        return new EventStore(pool, "/" + config.serviceName(), publication);
    }

    @Produces
    @Singleton
    IdempotencyStore idempotencyStore() {
        return new IdempotencyStore();
    }

    @Produces
    @Singleton
    OutboxSignal outboxSignal(Vertx vertx, KernelConnections connections) {
        return new OutboxSignal(vertx, connections.database());
    }

    void closeOutboxSignal(@Disposes OutboxSignal signal) {
        signal.close();
    }

    @Produces
    @Singleton
    CommandExecutor commandExecutor(Pool pool, IdempotencyStore idempotencyStore, OutboxSignal signal) {
        return new CommandExecutor(pool, idempotencyStore, signal, ATTEMPTS_ON_CONFLICT);
    }
}
