package org.lifeline.campaigns.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.lifeline.campaigns.domain.campaign.CampaignKind;

import java.util.UUID;

/** The body of {@code POST /api/v1/campaigns}. */
public record OpenCampaignRequest(
        @NotNull UUID organisationId,
        @NotBlank @Size(max = 200) String title,
        @NotNull CampaignKind kind,
        @NotBlank @Size(max = 200) String region,
        @NotNull @Valid LocationRequest location,
        @Size(min = 1, max = 5000) String description,
        @Pattern(regexp = "^[A-Z]{2}-\\d{4}-\\d{6}-[A-Z]{3}$", message = "must be a GLIDE number such as EQ-2026-000123-CHN")
        String glide) {
}
