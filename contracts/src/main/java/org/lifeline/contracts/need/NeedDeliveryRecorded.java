package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** The need's mirror of a PledgeDelivered. */
public record NeedDeliveryRecorded(UUID needId, UUID pledgeId, int quantity) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedDeliveryRecorded", 1);
}
