package org.lifeline.contracts.campaign;

import org.lifeline.contracts.CloudEventTypes;

import java.time.Instant;
import java.util.UUID;

/** A campaign closed; NeedCancelled or NeedClosed follows for each of its live needs. */
public record CampaignClosed(UUID campaignId, Instant at) {
    public static final String TYPE = CloudEventTypes.of("campaign", "CampaignClosed", 1);
}
