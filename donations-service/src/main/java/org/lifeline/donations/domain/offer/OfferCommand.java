package org.lifeline.donations.domain.offer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What can be asked of an offer. */
public sealed interface OfferCommand {

    /** A donor offers goods; {@code availableUntil} and {@code maxDistanceKm} may be null. */
    record SubmitOffer(UUID offerId, UUID donorId, Sector sector, String item, String unit, int quantity,
                       Coordinates location, Instant availableUntil, Integer maxDistanceKm, Instant now)
            implements OfferCommand { }

    /** Records what the matcher proposed. */
    record ProposeMatches(List<OfferEvent.Proposal> proposals, Instant now) implements OfferCommand { }

    /** The donor accepts a need: {@code quantity} of the offer goes to it as pledge {@code pledgeId}. */
    record AcceptOffer(UUID needId, UUID pledgeId, int quantity, Instant now) implements OfferCommand { }

    /** The donor withdraws what is left of the offer. */
    record WithdrawOffer() implements OfferCommand { }
}
