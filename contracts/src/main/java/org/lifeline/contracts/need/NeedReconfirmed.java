package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;

import java.time.Instant;
import java.util.UUID;

/** A coordinator confirmed at {@code at} that the need still stands. */
public record NeedReconfirmed(UUID needId, Instant at) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedReconfirmed", 1);
}
