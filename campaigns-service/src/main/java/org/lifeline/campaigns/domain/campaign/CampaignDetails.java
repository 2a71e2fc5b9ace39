package org.lifeline.campaigns.domain.campaign;

/** What a coordinator says about a campaign and may revise: title, region, location, description, GLIDE number. */
public record CampaignDetails(String title, String region, Coordinates location, String description, String glide) {
}
