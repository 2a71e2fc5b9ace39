package org.lifeline.feed.domain;

import java.time.Instant;
import org.lifeline.contracts.campaign.CampaignClosed;
import org.lifeline.contracts.campaign.CampaignDetailsRevised;
import org.lifeline.contracts.campaign.CampaignOpened;

/** How campaign events move a campaign's public listing (posts only move its version). */
public final class CampaignListings {

    private CampaignListings() {
    }

    public static CampaignListing opened(CampaignOpened e, Instant at, long version) {
        Instant openedAt = e.at() != null ? e.at() : at;
        return new CampaignListing(e.campaignId(), e.organisationId(), e.kind(), e.title(), e.region(), e.location(),
                e.description(), e.glide(), CampaignListing.ACTIVE, openedAt, null, at, version);
    }

    public static CampaignListing revised(CampaignListing c, CampaignDetailsRevised e, Instant at, long version) {
        return new CampaignListing(c.id(), c.organisationId(), c.kind(), e.title(), e.region(), e.location(),
                e.description(), e.glide(), c.status(), c.openedAt(), c.closedAt(), at, Math.max(version, c.version()));
    }

    public static CampaignListing closed(CampaignListing c, CampaignClosed e, Instant at, long version) {
        Instant closedAt = e.at() != null ? e.at() : at;
        return new CampaignListing(c.id(), c.organisationId(), c.kind(), c.title(), c.region(), c.location(),
                c.description(), c.glide(), CampaignListing.CLOSED, c.openedAt(), closedAt, at,
                Math.max(version, c.version()));
    }

    /** A post on the campaign's stream: the campaign itself does not change, only the version it was seen at. */
    public static CampaignListing posted(CampaignListing c, long version) {
        return new CampaignListing(c.id(), c.organisationId(), c.kind(), c.title(), c.region(), c.location(),
                c.description(), c.glide(), c.status(), c.openedAt(), c.closedAt(), c.updatedAt(),
                Math.max(version, c.version()));
    }
}
