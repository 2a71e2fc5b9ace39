package org.lifeline.campaigns.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.lifeline.campaigns.domain.need.Needs;
import org.lifeline.campaigns.domain.need.Sector;
import org.lifeline.campaigns.domain.need.Urgency;

import java.time.Instant;

/** The body of {@code POST /api/v1/campaigns/{id}/needs}. */
public record PostNeedRequest(
        @NotNull Sector sector,
        @NotBlank @Size(max = 200) String item,
        @NotBlank @Size(max = 50) String unit,
        @NotNull @Min(Needs.MIN_QUANTITY) @Max(Needs.MAX_QUANTITY) Integer quantity,
        @NotNull Urgency urgency,
        @NotNull @Valid SiteRequest site,
        Instant neededBy) {
}
