package org.lifeline.campaigns.domain.need;

import java.time.Instant;
import java.util.UUID;

/** A need was posted; {@code postedAt} also starts its freshness clock. */
public record NeedPosted(UUID needId, UUID campaignId, UUID organisationId, Sector sector, String item, String unit,
                         int quantity, Urgency urgency, Site site, Instant neededBy, Instant postedAt) implements NeedEvent {
}
