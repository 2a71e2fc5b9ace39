package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;

import java.time.Instant;
import java.util.UUID;

/** The needed-by date changed; an absent {@code from} or {@code to} means no deadline. */
public record NeedDeadlineChanged(UUID needId, Instant from, Instant to) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedDeadlineChanged", 1);
}
