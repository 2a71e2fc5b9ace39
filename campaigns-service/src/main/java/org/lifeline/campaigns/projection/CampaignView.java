package org.lifeline.campaigns.projection;

import org.lifeline.campaigns.domain.campaign.Campaign;
import org.lifeline.campaigns.domain.campaign.CampaignKind;
import org.lifeline.campaigns.domain.campaign.CampaignStatus;
import org.lifeline.campaigns.domain.campaign.Coordinates;

import java.time.Instant;
import java.util.UUID;

/** A campaign as the public API shows it; {@code version} is its stream version. */
public record CampaignView(UUID id, UUID organisationId, String title, CampaignKind kind, String region,
                           Coordinates location, String description, String glide, CampaignStatus status,
                           long version, Instant openedAt, Instant updatedAt) {

    /** The view of a campaign rebuilt from its events (after a command, or as of a past time). */
    public static CampaignView of(Campaign campaign, long version) {
        return new CampaignView(campaign.id(), campaign.organisationId(), campaign.details().title(), campaign.kind(),
                campaign.details().region(), campaign.details().location(), campaign.details().description(),
                campaign.details().glide(), campaign.status(), version, campaign.openedAt(), campaign.updatedAt());
    }
}
