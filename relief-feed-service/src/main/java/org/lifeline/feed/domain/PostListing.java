package org.lifeline.feed.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.lifeline.contracts.Coordinates;
import org.lifeline.contracts.campaign.PostPublished;

/** A situation update as the public feed shows it; {@code location} may be null. */
public record PostListing(UUID id, UUID campaignId, String text, Coordinates location, List<String> mediaUrls,
                          Instant publishedAt) {

    public PostListing {
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    public static PostListing of(PostPublished e, Instant at) {
        return new PostListing(e.postId(), e.campaignId(), e.text(), e.location(), e.mediaUrls(),
                e.at() != null ? e.at() : at);
    }
}
