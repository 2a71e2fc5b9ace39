package org.lifeline.donations.offer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.lifeline.donations.domain.offer.Offers;

import java.util.UUID;

/**
 * The body of {@code POST /api/v1/offers/{id}/accept}: a quantity pledges exactly that much
 * (ALL_OR_NOTHING); without one, what is left of the offer is pledged as far as the need takes it (PARTIAL).
 */
public record AcceptOfferRequest(
        @NotNull UUID needId,
        @Min(Offers.MIN_QUANTITY) @Max(Offers.MAX_QUANTITY) Integer quantity) {
}
