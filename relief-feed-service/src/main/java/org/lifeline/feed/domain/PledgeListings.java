package org.lifeline.feed.domain;

import java.time.Instant;
import java.util.UUID;
import org.lifeline.contracts.pledge.PledgeCancelled;
import org.lifeline.contracts.pledge.PledgeConfirmed;
import org.lifeline.contracts.pledge.PledgeDelivered;
import org.lifeline.contracts.pledge.PledgeDispatched;
import org.lifeline.contracts.pledge.PledgeHoldExpired;
import org.lifeline.contracts.pledge.PledgeNoShowMarked;
import org.lifeline.contracts.pledge.PledgeRejected;
import org.lifeline.contracts.pledge.PledgeReserved;

/** How pledge events move a pledge's public listing: RESERVED → CONFIRMED → IN_TRANSIT → DELIVERED, or an exit. */
public final class PledgeListings {

    private PledgeListings() {
    }

    public static PledgeListing reserved(PledgeReserved e, Instant at) {
        return new PledgeListing(e.pledgeId(), e.needId(), e.campaignId(), e.requested(), e.reserved(),
                name(e.policy()), "RESERVED", null, null, e.holdExpiresAt(), null, null, null, null, at);
    }

    public static PledgeListing rejected(PledgeRejected e, Instant at) {
        return new PledgeListing(e.pledgeId(), e.needId(), null, e.requested(), 0, null, "REJECTED", null, null, null,
                null, null, null, name(e.reason()), at);
    }

    /**
     * Applies a later pledge event; {@code pledge} is null when the reservation was never seen (it was
     * dead-lettered), and the listing then starts from what this event says.
     */
    public static PledgeListing evolve(PledgeListing pledge, UUID pledgeId, UUID needId, Object event, Instant at) {
        PledgeListing p = pledge != null ? pledge
                : new PledgeListing(pledgeId, needId, null, 0, 0, null, null, null, null, null, null, null, null, null,
                        at);
        return switch (event) {
            case PledgeConfirmed e -> new PledgeListing(p.id(), p.needId(), p.campaignId(), p.requested(),
                    p.reserved(), p.policy(), "CONFIRMED", name(e.method()), e.eta(), p.holdExpiresAt(),
                    p.quantityReceived(), p.released(), p.cancelledBy(), p.rejectionReason(), at);
            case PledgeDispatched e -> withStatus(p, "IN_TRANSIT", p.released(), p.cancelledBy(), at);
            case PledgeDelivered e -> new PledgeListing(p.id(), p.needId(), p.campaignId(), p.requested(),
                    p.reserved(), p.policy(), "DELIVERED", p.method(), p.eta(), p.holdExpiresAt(),
                    e.quantityReceived(), e.released(), p.cancelledBy(), p.rejectionReason(), at);
            case PledgeCancelled e -> withStatus(p, "CANCELLED", e.released(), name(e.cancelledBy()), at);
            case PledgeHoldExpired e -> withStatus(p, "HOLD_EXPIRED", e.released(), p.cancelledBy(), at);
            case PledgeNoShowMarked e -> withStatus(p, "NO_SHOW", e.released(), p.cancelledBy(), at);
            default -> throw new IllegalArgumentException("not a pledge event: " + event.getClass().getSimpleName());
        };
    }

    private static PledgeListing withStatus(PledgeListing p, String status, Integer released, String cancelledBy,
                                            Instant at) {
        return new PledgeListing(p.id(), p.needId(), p.campaignId(), p.requested(), p.reserved(), p.policy(), status,
                p.method(), p.eta(), p.holdExpiresAt(), p.quantityReceived(), released, cancelledBy,
                p.rejectionReason(), at);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
