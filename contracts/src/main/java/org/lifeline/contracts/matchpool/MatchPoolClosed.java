package org.lifeline.contracts.matchpool;

import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.Money;

import java.util.UUID;

/** The pool closed with {@code remaining} unspent. */
public record MatchPoolClosed(UUID matchPoolId, UUID campaignId, MatchPoolCloseReason reason, Money remaining) {
    public static final String TYPE = CloudEventTypes.of("match-pool", "MatchPoolClosed", 1);
}
