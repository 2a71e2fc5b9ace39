package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;

import java.time.Instant;
import java.util.UUID;

/** Nobody has reconfirmed the need since {@code lastConfirmedAt}; it is shown flagged. */
public record NeedMarkedStale(UUID needId, Instant lastConfirmedAt) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedMarkedStale", 1);
}
