package org.lifeline.kernel.eventstore;

import java.util.Objects;
import java.util.UUID;

/** An event to append: its id, type, payload schema version, JSON payload and metadata. */
public record NewEvent(UUID eventId, String type, int schemaVersion, String payload, EventMetadata metadata) {

    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(metadata.occurredAt(), "metadata.occurredAt");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be at least 1");
        }
    }
}
