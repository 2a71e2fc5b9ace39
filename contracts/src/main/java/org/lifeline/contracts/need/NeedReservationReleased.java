package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** The need's mirror of a release (or of the undelivered part of a delivery). */
public record NeedReservationReleased(UUID needId, UUID pledgeId, int quantity) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedReservationReleased", 1);
}
