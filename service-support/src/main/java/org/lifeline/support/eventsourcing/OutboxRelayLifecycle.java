package org.lifeline.support.eventsourcing;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.kernel.outbox.OutboxRelay;
import org.lifeline.support.LifelineConfig;

/** Runs the outbox relay while the service runs (unless {@code lifeline.outbox.relay-enabled=false}). */
@Startup
@ApplicationScoped
@IfBuildProperty(name = "lifeline.event-store.enabled", stringValue = "true")
public class OutboxRelayLifecycle {

    private final OutboxRelay relay;
    private final boolean enabled;

    OutboxRelayLifecycle(Vertx vertx, KernelConnections connections, LifelineConfig config) {
        this.enabled = config.outbox().relayEnabled();
        this.relay = new OutboxRelay(vertx, connections.database(), connections.kafka(),
                OutboxRelay.Settings.defaults());
    }

    @PostConstruct
    void start() {
        if (enabled) {
            relay.start();
            Log.info("outbox relay started");
        }
    }

    @PreDestroy
    void stop() {
        relay.close();
    }

    public OutboxRelay relay() {
        return relay;
    }
}
