package org.lifeline.contracts.pledge;

import org.lifeline.contracts.CloudEventTypes;

import java.time.Instant;
import java.util.UUID;

/** The donor confirmed how and when the goods will arrive. */
public record PledgeConfirmed(UUID pledgeId, UUID needId, DeliveryMethod method, Instant eta) {
    public static final String TYPE = CloudEventTypes.of("pledge", "PledgeConfirmed", 1);
}
