package org.lifeline.campaigns.projection;

import org.lifeline.campaigns.domain.need.Need;
import org.lifeline.campaigns.domain.need.NeedStatus;
import org.lifeline.campaigns.domain.need.Sector;
import org.lifeline.campaigns.domain.need.Urgency;
import org.lifeline.contracts.Privacy;
import org.lifeline.contracts.PublicSites;
import org.lifeline.contracts.Site;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * A need as the public API shows it; {@code version} is its stream version, {@code outstanding} may be negative while
 * over-subscribed. {@code site} is exact as built here: {@link #withPublicSite()} is what anyone but the need's own
 * coordinators and admins may see.
 */
public record NeedView(UUID id, UUID campaignId, Sector sector, String item, String unit, int requested,
                       int reserved, int delivered, int outstanding, Urgency urgency, NeedStatus status,
                       boolean stale, Site site, Instant neededBy, Instant postedAt, Instant updatedAt,
                       long version) {

    /**
     * More is reserved than requested (the request was lowered below its pledges): its coordinator chooses which
     * pledges to cancel (donations-service lists them at {@code GET /api/v1/needs/{id}/pledges}).
     */
    @JsonProperty("overSubscribed")
    public boolean overSubscribed() {
        return reserved > requested;
    }

    /** The same need with its site as the public may see it ({@link PublicSites}: APPROXIMATE sites rounded). */
    public NeedView withPublicSite() {
        return new NeedView(id, campaignId, sector, item, unit, requested, reserved, delivered, outstanding, urgency,
                status, stale, PublicSites.of(site), neededBy, postedAt, updatedAt, version);
    }

    /** The view of a need rebuilt from its events (after a command, or as of a past time). */
    public static NeedView of(Need need, long version, Instant updatedAt) {
        org.lifeline.campaigns.domain.need.Site site = need.site();
        return new NeedView(need.needId(), need.campaignId(), need.sector(), need.item(), need.unit(),
                need.requested(), need.reserved(), need.delivered(), need.outstanding(), need.urgency(),
                need.status(), need.stale(),
                new Site(site.name(), site.lat(), site.lon(), Privacy.valueOf(site.privacy().name())),
                need.neededBy(), need.postedAt(), updatedAt, version);
    }
}
