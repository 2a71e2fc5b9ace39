package org.lifeline.donations.domain.offer;

import java.time.Instant;
import java.util.UUID;

/** An offer as its events made it; {@code placed} is the quantity already pledged to needs. */
public record Offer(UUID offerId, UUID donorId, Sector sector, String item, String unit, int quantity, int placed,
                    Coordinates location, Instant availableUntil, Integer maxDistanceKm, boolean withdrawn) {

    public static final Offer NONE = new Offer(null, null, null, null, null, 0, 0, null, null, null, false);

    public boolean exists() {
        return offerId != null;
    }

    /** What is still to place. */
    public int remaining() {
        return quantity - placed;
    }

    public OfferStatus status(Instant now) {
        if (!exists()) {
            return OfferStatus.NONE;
        }
        if (withdrawn) {
            return OfferStatus.WITHDRAWN;
        }
        if (remaining() == 0) {
            return OfferStatus.PLACED;
        }
        if (availableUntil != null && !now.isBefore(availableUntil)) {
            return OfferStatus.EXPIRED;
        }
        return OfferStatus.OPEN;
    }

    Offer with(int placed, boolean withdrawn) {
        return new Offer(offerId, donorId, sector, item, unit, quantity, placed, location, availableUntil,
                maxDistanceKm, withdrawn);
    }
}
