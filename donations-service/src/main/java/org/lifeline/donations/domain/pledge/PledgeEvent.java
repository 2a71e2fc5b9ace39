package org.lifeline.donations.domain.pledge;

import java.util.UUID;

/**
 * The events of a need's pledge ledger (stream type {@code pledge}, stream id = the need id). Their
 * JSON is the integration contract of {@code lifeline.donations.v1} (docs/events.md).
 */
public sealed interface PledgeEvent permits PledgeReserved, PledgeConfirmed, PledgeDispatched, PledgeDelivered,
        PledgeCancelled, PledgeHoldExpired, PledgeNoShowMarked {

    UUID pledgeId();

    UUID needId();
}
