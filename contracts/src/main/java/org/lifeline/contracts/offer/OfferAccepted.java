package org.lifeline.contracts.offer;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** The donor accepted a proposal: {@code quantity} goes to the need as pledge {@code pledgeId}. */
public record OfferAccepted(UUID offerId, UUID needId, UUID pledgeId, int quantity) {
    public static final String TYPE = CloudEventTypes.of("offer", "OfferAccepted", 1);
}
