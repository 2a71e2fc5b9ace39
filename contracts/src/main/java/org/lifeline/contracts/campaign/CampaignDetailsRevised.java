package org.lifeline.contracts.campaign;

import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.Coordinates;

import java.time.Instant;
import java.util.UUID;

/** A campaign's details as they stand after a revision; {@code description} and {@code glide} are optional. */
public record CampaignDetailsRevised(UUID campaignId, String title, String region, Coordinates location,
                                     String description, String glide, Instant at) {
    public static final String TYPE = CloudEventTypes.of("campaign", "CampaignDetailsRevised", 1);
}
