package org.lifeline.contracts.need;

import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.Sector;
import org.lifeline.contracts.Site;

import java.time.Instant;
import java.util.UUID;

/** A need was posted: one item at one site; {@code neededBy} is optional (no deadline). */
public record NeedPosted(UUID needId, UUID campaignId, UUID organisationId, Sector sector, String item, String unit,
                         int quantity, Urgency urgency, Site site, Instant neededBy, Instant postedAt) {
    public static final String TYPE = CloudEventTypes.of("need", "NeedPosted", 1);
}
