package org.lifeline.donations.domain.offer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What happened to an offer; one stream per offer (stream type {@code offer}, id = offer id). Serialised by
 * {@code ContractJson} they are the payloads of docs/events.md. {@code donorId} and {@code location} are
 * personal data of the donor.
 */
public sealed interface OfferEvent {

    UUID offerId();

    /** Goods a donor wants placed. */
    record OfferSubmitted(UUID offerId, UUID donorId, Sector sector, String item, String unit, int quantity,
                          Coordinates location, Instant availableUntil, Integer maxDistanceKm) implements OfferEvent { }

    /** The matcher's best needs for the offer when it was submitted, best first. */
    record MatchProposed(UUID offerId, List<Proposal> proposals) implements OfferEvent {
        public MatchProposed {
            proposals = List.copyOf(proposals);
        }
    }

    /** One proposed need, its score and its distance from the offer. */
    record Proposal(UUID needId, double score, double distanceKm) { }

    /** The donor accepted a need: {@code quantity} was reserved for it as pledge {@code pledgeId}. */
    record OfferAccepted(UUID offerId, UUID needId, UUID pledgeId, int quantity) implements OfferEvent { }

    /** The donor withdrew what is left of the offer. */
    record OfferWithdrawn(UUID offerId) implements OfferEvent { }
}
