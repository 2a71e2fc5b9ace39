package org.lifeline.kernel.eventstore;

import java.time.Instant;
import java.util.UUID;

/** An event as stored: its global position, stream, version in the stream, type and payload. */
public record RecordedEvent(long position, UUID eventId, String streamId, String streamType, long version,
                            String type, int schemaVersion, String payload, EventMetadata metadata,
                            Instant recordedAt) {
}
