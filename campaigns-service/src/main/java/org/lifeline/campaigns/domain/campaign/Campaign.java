package org.lifeline.campaigns.domain.campaign;

import java.time.Instant;
import java.util.UUID;

/** The write model's view of one campaign; {@link #NONE} before it is opened. */
public record Campaign(UUID id, UUID organisationId, CampaignKind kind, CampaignDetails details,
                       CampaignStatus status, Instant openedAt, Instant updatedAt) {

    public static final Campaign NONE = new Campaign(null, null, null, null, null, null, null);

    public boolean exists() {
        return id != null;
    }

    public boolean isActive() {
        return status == CampaignStatus.ACTIVE;
    }
}
