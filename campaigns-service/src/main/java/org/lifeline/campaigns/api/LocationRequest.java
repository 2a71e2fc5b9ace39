package org.lifeline.campaigns.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.lifeline.campaigns.domain.campaign.Coordinates;

/** WGS84 decimal degrees as a client sends them. */
public record LocationRequest(
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {

    Coordinates toCoordinates() {
        return new Coordinates(lat, lon);
    }
}
