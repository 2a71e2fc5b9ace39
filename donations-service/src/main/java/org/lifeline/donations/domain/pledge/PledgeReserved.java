package org.lifeline.donations.domain.pledge;

import java.time.Instant;
import java.util.UUID;

/** {@code reserved ≤ requested} is held for the pledge until confirmed, or until {@code holdExpiresAt}. */
public record PledgeReserved(UUID pledgeId, UUID needId, UUID campaignId, UUID organisationId, UUID donorId,
                             int requested, int reserved, Policy policy, Instant holdExpiresAt, UUID offerId)
        implements PledgeEvent {
}
