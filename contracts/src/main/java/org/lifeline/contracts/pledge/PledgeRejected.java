package org.lifeline.contracts.pledge;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** A pledge that was not reserved (stream type {@code pledge-attempt}, key = the pledge id). */
public record PledgeRejected(UUID pledgeId, UUID needId, UUID donorId, int requested, int outstanding,
                             RejectionReason reason) {
    public static final String TYPE = CloudEventTypes.of("pledge-attempt", "PledgeRejected", 1);
}
