package org.lifeline.campaigns.domain.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a coordinator asks of a campaign. Each carries the time it is asked at, so the decider needs no clock. */
public sealed interface CampaignCommand {

    UUID campaignId();

    record OpenCampaign(UUID campaignId, UUID organisationId, CampaignKind kind, CampaignDetails details,
                        Instant at) implements CampaignCommand { }

    /** Replaces the details as a whole; details equal to the current ones change nothing. */
    record ReviseCampaignDetails(UUID campaignId, CampaignDetails details, Instant at) implements CampaignCommand { }

    record PublishPost(UUID campaignId, UUID postId, String text, Coordinates location, List<String> mediaUrls,
                       Instant at) implements CampaignCommand { }

    record CloseCampaign(UUID campaignId, Instant at) implements CampaignCommand { }
}
