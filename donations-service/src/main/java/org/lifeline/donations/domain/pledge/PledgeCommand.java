package org.lifeline.donations.domain.pledge;

import org.lifeline.donations.domain.need.NeedCapacity;

import java.time.Instant;
import java.util.UUID;

/** What can be asked of a need's pledge ledger. */
public sealed interface PledgeCommand {

    /**
     * A donor pledges {@code quantity} against {@code need} (as the local view of needs knows it),
     * under {@code policy}; {@code offerId} when it comes from an accepted offer.
     */
    record ReservePledge(UUID pledgeId, NeedCapacity need, UUID donorId, int quantity, Policy policy, UUID offerId,
                         Instant now) implements PledgeCommand { }

    /** The donor says how and when the goods will arrive (again, to change it). */
    record ConfirmPledge(UUID pledgeId, DeliveryMethod method, Instant eta, Instant now) implements PledgeCommand { }

    /** The donor sent the goods. */
    record DispatchPledge(UUID pledgeId, String carrier, String trackingRef) implements PledgeCommand { }

    /** The need's coordinator records what arrived. */
    record RecordDelivery(UUID pledgeId, int quantityReceived) implements PledgeCommand { }

    /** The donor or a coordinator gives the reservation back. */
    record CancelPledge(UUID pledgeId, CancelledBy cancelledBy, String reason) implements PledgeCommand { }

    /** The timer: a hold not confirmed by its expiry is released. */
    record ExpireHold(UUID pledgeId, Instant now) implements PledgeCommand { }

    /** The timer: a confirmed pledge not dispatched by its ETA plus grace is released. */
    record MarkNoShow(UUID pledgeId, Instant now) implements PledgeCommand { }

    /** The need closed, was cancelled or expired: every active pledge is released. */
    record ReleaseNeedPledges(UUID needId, CancelledBy cancelledBy) implements PledgeCommand { }
}
