package org.lifeline.contracts.pledge;

import org.lifeline.contracts.CloudEventTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A pledge reserved {@code reserved ≤ requested} on the need's ledger until {@code holdExpiresAt};
 * {@code offerId} (optional) when it came from an accepted offer.
 */
public record PledgeReserved(UUID pledgeId, UUID needId, UUID campaignId, UUID organisationId, UUID donorId,
                             int requested, int reserved, PledgePolicy policy, Instant holdExpiresAt, UUID offerId) {
    public static final String TYPE = CloudEventTypes.of("pledge", "PledgeReserved", 1);
}
