package org.lifeline.campaigns.domain.need;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A need as its events left it. Before it is posted every field is empty ({@link #NONE}).
 *
 * <p>{@code reservations} holds the quantity reserved per pledge, so a release gives back exactly
 * what that pledge held and a redelivered pledge event changes nothing; {@code reserved} and
 * {@code delivered} are the sums the API shows.
 *
 * @param lastConfirmedAt when the need was posted or last reconfirmed; freshness counts from here
 * @param neededBy        null when the need has no deadline
 */
public record Need(
        UUID needId,
        UUID campaignId,
        UUID organisationId,
        Sector sector,
        String item,
        String unit,
        Urgency urgency,
        Site site,
        int requested,
        int reserved,
        int delivered,
        NeedStatus status,
        boolean stale,
        Instant neededBy,
        Instant postedAt,
        Instant lastConfirmedAt,
        Map<UUID, Integer> reservations,
        Set<UUID> deliveredPledges,
        Set<UUID> releasedPledges) {

    /** The state of a need that has not been posted. */
    public static final Need NONE = new Need(null, null, null, null, null, null, null, null,
            0, 0, 0, null, false, null, null, null, Map.of(), Set.of(), Set.of());

    public Need {
        reservations = Map.copyOf(reservations);
        deliveredPledges = Set.copyOf(deliveredPledges);
        releasedPledges = Set.copyOf(releasedPledges);
    }

    public boolean exists() {
        return needId != null;
    }

    /** Requested minus reserved; negative while over-subscribed. */
    public int outstanding() {
        return requested - reserved;
    }

    /** More is reserved than requested, after the request was revised down. */
    public boolean overSubscribed() {
        return reserved > requested;
    }
}
