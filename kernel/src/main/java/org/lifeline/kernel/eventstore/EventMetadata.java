package org.lifeline.kernel.eventstore;

import java.time.Instant;
import java.util.UUID;

/**
 * Who caused an event, why and when: correlation id (the whole flow), causation id (the event or
 * request that led to this one), actor (account id or service), the idempotency key of the
 * request, and the time it happened.
 */
public record EventMetadata(UUID correlationId, UUID causationId, String actor, String idempotencyKey,
                            Instant occurredAt) {

    public static EventMetadata of(String actor, Instant occurredAt) {
        return new EventMetadata(null, null, actor, null, occurredAt);
    }

    public EventMetadata withCorrelation(UUID correlationId, UUID causationId) {
        return new EventMetadata(correlationId, causationId, actor, idempotencyKey, occurredAt);
    }

    public EventMetadata withIdempotencyKey(String key) {
        return new EventMetadata(correlationId, causationId, actor, key, occurredAt);
    }
}
