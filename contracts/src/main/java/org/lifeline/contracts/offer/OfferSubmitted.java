package org.lifeline.contracts.offer;

import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.Coordinates;
import org.lifeline.contracts.Sector;

import java.time.Instant;
import java.util.UUID;

/**
 * Goods a donor wants placed; {@code availableUntil} and {@code maxDistanceKm} are optional. {@code donorId} and
 * {@code location} are personal data of the donor.
 */
public record OfferSubmitted(UUID offerId, UUID donorId, Sector sector, String item, String unit, int quantity,
                             Coordinates location, Instant availableUntil, Integer maxDistanceKm) {
    public static final String TYPE = CloudEventTypes.of("offer", "OfferSubmitted", 1);
}
