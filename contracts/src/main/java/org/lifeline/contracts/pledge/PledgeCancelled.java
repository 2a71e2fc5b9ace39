package org.lifeline.contracts.pledge;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** The pledge was cancelled and {@code released} given back to the need; {@code reason} is optional. */
public record PledgeCancelled(UUID pledgeId, UUID needId, int released, CancelledBy cancelledBy, String reason) {
    public static final String TYPE = CloudEventTypes.of("pledge", "PledgeCancelled", 1);
}
