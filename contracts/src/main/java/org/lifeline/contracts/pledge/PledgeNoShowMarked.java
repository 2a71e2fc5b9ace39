package org.lifeline.contracts.pledge;

import org.lifeline.contracts.CloudEventTypes;

import java.time.Instant;
import java.util.UUID;

/** Not dispatched by its ETA plus grace; {@code released} is given back to the need. */
public record PledgeNoShowMarked(UUID pledgeId, UUID needId, int released, Instant eta) {
    public static final String TYPE = CloudEventTypes.of("pledge", "PledgeNoShowMarked", 1);
}
