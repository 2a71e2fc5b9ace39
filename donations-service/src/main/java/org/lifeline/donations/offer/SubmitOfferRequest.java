package org.lifeline.donations.offer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.lifeline.donations.domain.offer.Offers;
import org.lifeline.donations.domain.offer.Sector;

import java.time.Instant;

/** The body of {@code POST /api/v1/offers}. */
public record SubmitOfferRequest(
        @NotNull Sector sector,
        @NotBlank @Size(max = Offers.MAX_TEXT) String item,
        @NotBlank @Size(max = 50) String unit,
        @NotNull @Min(Offers.MIN_QUANTITY) @Max(Offers.MAX_QUANTITY) Integer quantity,
        @NotNull @Valid LocationRequest location,
        Instant availableUntil,
        @Min(1) @Max(Offers.MAX_DISTANCE_KM) Integer maxDistanceKm) {
}
