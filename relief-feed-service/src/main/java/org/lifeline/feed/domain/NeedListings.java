package org.lifeline.feed.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lifeline.contracts.PublicSites;
import org.lifeline.contracts.need.NeedCancelled;
import org.lifeline.contracts.need.NeedClosed;
import org.lifeline.contracts.need.NeedDeadlineChanged;
import org.lifeline.contracts.need.NeedDeliveryRecorded;
import org.lifeline.contracts.need.NeedExpired;
import org.lifeline.contracts.need.NeedFulfilled;
import org.lifeline.contracts.need.NeedMarkedStale;
import org.lifeline.contracts.need.NeedOverSubscribed;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.NeedQuantityReserved;
import org.lifeline.contracts.need.NeedQuantityRevised;
import org.lifeline.contracts.need.NeedReconfirmed;
import org.lifeline.contracts.need.NeedReprioritized;
import org.lifeline.contracts.need.NeedReservationReleased;
import org.lifeline.contracts.need.Urgency;

/**
 * How a need's integration events move its public listing, and which milestones they reach. The rules mirror
 * campaigns-service's need: a live need is FULLY_PLEDGED exactly while reserved covers requested; the counters
 * come from the need's own mirror events (NeedQuantityReserved, NeedReservationReleased, NeedDeliveryRecorded),
 * which are ordered with its other events.
 */
public final class NeedListings {

    /** What a need event did: the listing after it and the milestones it reached. */
    public record Change(NeedListing listing, List<Milestone> milestones) {
        public Change {
            milestones = List.copyOf(milestones);
        }
    }

    /** Moments worth a line in the campaign's timeline. */
    public enum Milestone {
        NEED_FULLY_PLEDGED, NEED_FULFILLED
    }

    private NeedListings() {
    }

    /** The listing of a newly posted need. */
    public static NeedListing posted(NeedPosted e, Instant at, long version) {
        Instant postedAt = e.postedAt() != null ? e.postedAt() : at;
        return new NeedListing(e.needId(), e.campaignId(), e.organisationId(), e.sector(), e.item(), e.unit(),
                e.quantity(), 0, 0, e.quantity(), e.urgency(), NeedStatus.OPEN, false, PublicSites.of(e.site()),
                e.neededBy(), postedAt, at, version);
    }

    /** Applies any need event but NeedPosted (see {@link #posted}) at time {@code at} and stream version {@code version}. */
    public static Change evolve(NeedListing need, Object event, Instant at, long version) {
        NeedListing next = switch (event) {
            case NeedQuantityRevised e -> counters(need, e.to(), need.reserved(), need.delivered());
            case NeedReprioritized e -> with(need, e.to() == null ? need.urgency() : e.to(), need.status(),
                    need.stale(), need.neededBy());
            case NeedDeadlineChanged e -> with(need, need.urgency(), need.status(), need.stale(), e.to());
            case NeedReconfirmed e -> with(need, need.urgency(), need.status(), false, need.neededBy());
            case NeedMarkedStale e -> with(need, need.urgency(), need.status(), true, need.neededBy());
            case NeedOverSubscribed e -> need; // a notice for the coordinator; the counters already say it
            case NeedExpired e -> with(need, need.urgency(), NeedStatus.EXPIRED, need.stale(), need.neededBy());
            case NeedFulfilled e -> with(need, need.urgency(), NeedStatus.FULFILLED, need.stale(), need.neededBy());
            case NeedClosed e -> with(need, need.urgency(), NeedStatus.CLOSED, need.stale(), need.neededBy());
            case NeedCancelled e -> with(need, need.urgency(), NeedStatus.CANCELLED, need.stale(), need.neededBy());
            case NeedQuantityReserved e -> counters(need, need.requested(), need.reserved() + e.quantity(),
                    need.delivered());
            case NeedReservationReleased e -> counters(need, need.requested(), need.reserved() - e.quantity(),
                    need.delivered());
            case NeedDeliveryRecorded e -> counters(need, need.requested(), need.reserved(),
                    need.delivered() + e.quantity());
            default -> throw new IllegalArgumentException("not a need event: " + event.getClass().getSimpleName());
        };
        next = stamped(next, at, version);
        List<Milestone> milestones = new ArrayList<>();
        if (need.status() != NeedStatus.FULLY_PLEDGED && next.status() == NeedStatus.FULLY_PLEDGED) {
            milestones.add(Milestone.NEED_FULLY_PLEDGED);
        }
        if (event instanceof NeedFulfilled && need.status() != NeedStatus.FULFILLED) {
            milestones.add(Milestone.NEED_FULFILLED);
        }
        return new Change(next, milestones);
    }

    private static NeedListing counters(NeedListing need, int requested, int reserved, int delivered) {
        NeedStatus status = need.status();
        if (status.isLive()) {
            status = reserved >= requested ? NeedStatus.FULLY_PLEDGED : NeedStatus.OPEN;
        }
        return new NeedListing(need.id(), need.campaignId(), need.organisationId(), need.sector(), need.item(),
                need.unit(), requested, reserved, delivered, requested - reserved, need.urgency(), status,
                need.stale(), need.site(), need.neededBy(), need.postedAt(), need.updatedAt(), need.version());
    }

    private static NeedListing with(NeedListing need, Urgency urgency, NeedStatus status,
                                    boolean stale, Instant neededBy) {
        return new NeedListing(need.id(), need.campaignId(), need.organisationId(), need.sector(), need.item(),
                need.unit(), need.requested(), need.reserved(), need.delivered(), need.outstanding(), urgency, status,
                stale, need.site(), neededBy, need.postedAt(), need.updatedAt(), need.version());
    }

    private static NeedListing stamped(NeedListing need, Instant at, long version) {
        return new NeedListing(need.id(), need.campaignId(), need.organisationId(), need.sector(), need.item(),
                need.unit(), need.requested(), need.reserved(), need.delivered(), need.outstanding(), need.urgency(),
                need.status(), need.stale(), need.site(), need.neededBy(), need.postedAt(), at,
                Math.max(version, need.version()));
    }
}
