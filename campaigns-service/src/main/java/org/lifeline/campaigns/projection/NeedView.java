package org.lifeline.campaigns.projection;

import org.lifeline.campaigns.domain.need.Need;
import org.lifeline.campaigns.domain.need.NeedStatus;
import org.lifeline.campaigns.domain.need.Sector;
import org.lifeline.campaigns.domain.need.Site;
import org.lifeline.campaigns.domain.need.Urgency;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.UUID;

/** A need as the public API shows it; {@code version} is its stream version, {@code outstanding} may be negative while over-subscribed. */
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

    /** The view of a need rebuilt from its events (after a command, or as of a past time). */
    public static NeedView of(Need need, long version, Instant updatedAt) {
        return new NeedView(need.needId(), need.campaignId(), need.sector(), need.item(), need.unit(),
                need.requested(), need.reserved(), need.delivered(), need.outstanding(), need.urgency(),
                need.status(), need.stale(), need.site(), need.neededBy(), need.postedAt(), updatedAt, version);
    }
}
