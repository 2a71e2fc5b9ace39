package org.lifeline.donations.money;

import java.util.UUID;

/** What donations-service knows of a campaign: whose it is and whether it is still ACTIVE. */
public record CampaignEntry(UUID campaignId, UUID organisationId, String status) {

    public static final String ACTIVE = "ACTIVE";
    public static final String CLOSED = "CLOSED";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
