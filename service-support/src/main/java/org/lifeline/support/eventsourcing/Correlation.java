package org.lifeline.support.eventsourcing;

import org.lifeline.kernel.eventstore.EventMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Correlation and causation ids of events. A request starts a flow: its {@code X-Request-Id} (the
 * UUID itself, or a name-based UUID of any other id, so the same request id always maps to the same
 * flow) is both correlation and causation of the events it appends. A reaction to an event keeps
 * that event's correlation and names the event as its cause.
 */
public final class Correlation {

    private Correlation() {
    }

    /** The flow id of a request id; a random one when there is none. */
    public static UUID ofRequest(String requestId) {
        if (requestId == null || requestId.isBlank()) {
            return UUID.randomUUID();
        }
        try {
            return UUID.fromString(requestId);
        } catch (IllegalArgumentException notAUuid) {
            return UUID.nameUUIDFromBytes(("request:" + requestId).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Metadata of events appended for a request by {@code actor}. */
    public static EventMetadata forRequest(String actor, String requestId, String idempotencyKey, Instant at) {
        UUID flow = ofRequest(requestId);
        return EventMetadata.of(actor, at).withCorrelation(flow, flow).withIdempotencyKey(idempotencyKey);
    }

    /**
     * Metadata of events appended in reaction to another event (id {@code causeId}, flow
     * {@code causeCorrelation}, which may be null for events from before correlation ids).
     */
    public static EventMetadata forReaction(String actor, UUID causeId, UUID causeCorrelation, Instant at) {
        return EventMetadata.of(actor, at).withCorrelation(causeCorrelation == null ? causeId : causeCorrelation, causeId);
    }

    /** The actor name of a service's own timers and reactions, e.g. {@code system:campaigns-service}. */
    public static String system(String serviceName) {
        return "system:" + serviceName;
    }
}
