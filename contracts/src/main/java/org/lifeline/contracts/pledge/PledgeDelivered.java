package org.lifeline.contracts.pledge;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** The site received {@code quantityReceived}; {@code released} = reserved − received, given back to the need. */
public record PledgeDelivered(UUID pledgeId, UUID needId, int quantityReceived, int released) {
    public static final String TYPE = CloudEventTypes.of("pledge", "PledgeDelivered", 1);
}
