package org.lifeline.campaigns.domain.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What happened to a campaign; one stream per campaign (stream type {@code campaign}). */
public sealed interface CampaignEvent {

    UUID campaignId();

    /** When it happened. */
    Instant at();

    record CampaignOpened(UUID campaignId, UUID organisationId, CampaignKind kind, String title, String region,
                          Coordinates location, String description, String glide, Instant at) implements CampaignEvent { }

    record CampaignDetailsRevised(UUID campaignId, String title, String region, Coordinates location,
                                  String description, String glide, Instant at) implements CampaignEvent { }

    record PostPublished(UUID campaignId, UUID postId, String text, Coordinates location, List<String> mediaUrls,
                         Instant at) implements CampaignEvent {
        public PostPublished {
            mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
        }
    }

    record CampaignClosed(UUID campaignId, Instant at) implements CampaignEvent { }
}
