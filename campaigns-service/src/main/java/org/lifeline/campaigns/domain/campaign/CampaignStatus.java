package org.lifeline.campaigns.domain.campaign;

/** A campaign takes revisions and posts while ACTIVE; CLOSED is final. */
public enum CampaignStatus {
    ACTIVE, CLOSED
}
