package org.lifeline.donations.offer;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.lifeline.donations.domain.offer.Coordinates;

/** A point as a client sends it, WGS84 degrees. */
public record LocationRequest(
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {

    Coordinates toCoordinates() {
        return new Coordinates(lat, lon);
    }
}
