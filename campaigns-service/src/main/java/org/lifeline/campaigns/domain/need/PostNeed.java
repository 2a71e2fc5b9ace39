package org.lifeline.campaigns.domain.need;

import java.time.Instant;
import java.util.UUID;

/** A coordinator asks for one item at one site; {@code neededBy} may be null (no deadline). */
public record PostNeed(UUID needId, UUID campaignId, UUID organisationId, Sector sector, String item, String unit,
                       int quantity, Urgency urgency, Site site, Instant neededBy) implements NeedCommand {
}
