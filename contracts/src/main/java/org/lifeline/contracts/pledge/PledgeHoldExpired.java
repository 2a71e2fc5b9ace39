package org.lifeline.contracts.pledge;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** Not confirmed before its hold expired; {@code released} is given back to the need. */
public record PledgeHoldExpired(UUID pledgeId, UUID needId, int released) {
    public static final String TYPE = CloudEventTypes.of("pledge", "PledgeHoldExpired", 1);
}
