package org.lifeline.donations.domain.pledge;

import java.util.UUID;

/** The pledge was cancelled and its reservation ({@code released}) given back; {@code reason} may be absent. */
public record PledgeCancelled(UUID pledgeId, UUID needId, int released, CancelledBy cancelledBy, String reason)
        implements PledgeEvent {
}
