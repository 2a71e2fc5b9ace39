package org.lifeline.donations.offer;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.lifeline.donations.domain.offer.Coordinates;
import org.lifeline.donations.domain.offer.Offer;
import org.lifeline.donations.domain.offer.Sector;

import java.time.Instant;
import java.util.UUID;

/** An offer as its donor sees it (only its donor: the location is personal data). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OfferView(UUID id, Sector sector, String item, String unit, int quantity, int placed, int remaining,
                        Coordinates location, Instant availableUntil, Integer maxDistanceKm, String status,
                        long version) {

    static OfferView of(Offer offer, long version, Instant now) {
        return new OfferView(offer.offerId(), offer.sector(), offer.item(), offer.unit(), offer.quantity(),
                offer.placed(), offer.remaining(), offer.location(), offer.availableUntil(), offer.maxDistanceKm(),
                offer.status(now).name(), version);
    }
}
