package org.lifeline.campaigns.domain.campaign;

/** The kind of crisis a campaign responds to. */
public enum CampaignKind {
    EARTHQUAKE, FLOOD, TYPHOON, WILDFIRE, EPIDEMIC, CONFLICT, OTHER
}
