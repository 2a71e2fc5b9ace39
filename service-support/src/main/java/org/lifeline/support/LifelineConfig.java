package org.lifeline.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings every Lifeline service shares, under {@code lifeline.*}. This mapping owns the whole
 * {@code lifeline} namespace: a {@code lifeline.*} key that no mapping declares stops the app at start
 * (SRCFG00050), so shared keys are declared here and a service's own go in its own mapping, such as
 * {@code @ConfigMapping(prefix = "lifeline.gateway")}.
 */
@ConfigMapping(prefix = "lifeline")
public interface LifelineConfig {

    /** The service's name, as it appears in responses, logs and event sources (such as {@code campaigns-service}). */
    String serviceName();

    /** The kernel's write side ({@code org.lifeline.support.eventsourcing}). */
    EventStore eventStore();

    /** The kernel's projection runner. */
    Projections projections();

    /** The kernel's outbox relay. */
    Outbox outbox();

    /** The service's PostgreSQL connections ({@link DatabasePool}). */
    Database database();

    /** {@code lifeline.database.*}: bounds, so that a database that is down answers 503 soon rather than hang. */
    interface Database {
        /** How long opening a connection may take (the client's own default is 60 s). */
        @WithDefault("5s")
        Duration connectTimeout();

        /** How long a request waits for a free pooled connection (the pool's own default is 30 s). */
        @WithDefault("10s")
        Duration acquireTimeout();
    }

    /** {@code lifeline.event-store.*} */
    interface EventStore {
        /** Build time: whether the service has an event store, outbox and command executor. */
        @WithDefault("false")
        boolean enabled();
    }

    /** {@code lifeline.projections.*} */
    interface Projections {
        /** Build time: whether the service feeds its projections from Kafka. */
        @WithDefault("false")
        boolean enabled();
    }

    /** {@code lifeline.outbox.*} */
    interface Outbox {
        /** Whether this instance runs the outbox relay. */
        @WithDefault("true")
        boolean relayEnabled();
    }
}
