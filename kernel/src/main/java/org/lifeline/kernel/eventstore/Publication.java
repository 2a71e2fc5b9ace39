package org.lifeline.kernel.eventstore;

import org.lifeline.contracts.CloudEventTypes;

import java.util.Optional;

/** Decides which recorded events leave the service, and as what. Written to the outbox in the append's transaction. */
@FunctionalInterface
public interface Publication {

    Optional<OutboxMessage> messageFor(RecordedEvent event);

    /** Nothing is published (a store whose events stay private). */
    static Publication none() {
        return event -> Optional.empty();
    }

    /**
     * Every event goes to one topic as {@code org.lifeline.<streamType>.<Type>.v<schemaVersion>},
     * with its stored payload as data.
     */
    static Publication allTo(String topic) {
        return event -> Optional.of(new OutboxMessage(topic,
                CloudEventTypes.of(event.streamType(), event.type(), event.schemaVersion()),
                event.payload()));
    }
}
