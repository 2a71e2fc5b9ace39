package org.lifeline.campaigns.api;

import org.lifeline.campaigns.projection.CampaignView;

import java.util.List;

/** A page of campaigns; {@code nextCursor} is null on the last page. */
public record CampaignPage(List<CampaignView> items, String nextCursor) {
}
