package org.lifeline.campaigns.api;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.lifeline.campaigns.domain.need.Privacy;
import org.lifeline.campaigns.domain.need.Site;

/** Where a need's goods go, as a client sends it. */
public record SiteRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
        @NotNull Privacy privacy) {

    Site toSite() {
        return new Site(name, lat, lon, privacy);
    }
}
