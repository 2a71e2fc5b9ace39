package org.lifeline.campaigns.projection;

import org.lifeline.campaigns.domain.campaign.CampaignEvent.PostPublished;
import org.lifeline.campaigns.domain.campaign.Coordinates;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A post as the public API shows it. */
public record PostView(UUID id, UUID campaignId, String text, Coordinates location, List<String> mediaUrls,
                       Instant publishedAt) {

    public static PostView of(PostPublished post) {
        return new PostView(post.postId(), post.campaignId(), post.text(), post.location(), post.mediaUrls(), post.at());
    }
}
