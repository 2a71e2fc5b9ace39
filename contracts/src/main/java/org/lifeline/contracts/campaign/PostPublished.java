package org.lifeline.contracts.campaign;

import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.Coordinates;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A situation update in a campaign; {@code location} is optional, {@code mediaUrls} may be empty. */
public record PostPublished(UUID campaignId, UUID postId, String text, Coordinates location, List<String> mediaUrls,
                            Instant at) {
    public static final String TYPE = CloudEventTypes.of("campaign", "PostPublished", 1);

    public PostPublished {
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }
}
