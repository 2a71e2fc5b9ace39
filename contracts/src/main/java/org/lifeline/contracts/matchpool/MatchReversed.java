package org.lifeline.contracts.matchpool;

import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.Money;

import java.util.UUID;

/** A refunded donation gave its match ({@code returned}) back to the pool. */
public record MatchReversed(UUID matchPoolId, UUID campaignId, UUID donationId, Money returned, Money remaining) {
    public static final String TYPE = CloudEventTypes.of("match-pool", "MatchReversed", 1);
}
