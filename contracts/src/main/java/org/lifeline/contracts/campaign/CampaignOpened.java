package org.lifeline.contracts.campaign;

import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.Coordinates;

import java.time.Instant;
import java.util.UUID;

/** An organisation opened a campaign for a crisis; {@code description} and {@code glide} are optional. */
public record CampaignOpened(UUID campaignId, UUID organisationId, CampaignKind kind, String title, String region,
                             Coordinates location, String description, String glide, Instant at) {
    public static final String TYPE = CloudEventTypes.of("campaign", "CampaignOpened", 1);
}
