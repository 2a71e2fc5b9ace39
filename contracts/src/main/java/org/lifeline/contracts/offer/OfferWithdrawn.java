package org.lifeline.contracts.offer;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** The donor withdrew the offer. */
public record OfferWithdrawn(UUID offerId) {
    public static final String TYPE = CloudEventTypes.of("offer", "OfferWithdrawn", 1);
}
