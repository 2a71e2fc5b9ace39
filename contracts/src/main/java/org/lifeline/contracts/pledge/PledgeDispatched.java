package org.lifeline.contracts.pledge;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** The goods are on their way; {@code carrier} and {@code trackingRef} are optional. */
public record PledgeDispatched(UUID pledgeId, UUID needId, String carrier, String trackingRef) {
    public static final String TYPE = CloudEventTypes.of("pledge", "PledgeDispatched", 1);
}
