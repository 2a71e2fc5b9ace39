package org.lifeline.contracts.matchpool;

import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.Money;

import java.util.UUID;

/** A donation took {@code matched} from the pool ({@code full} = the whole match, not cut by pool or cap). */
public record MatchApplied(UUID matchPoolId, UUID campaignId, UUID donationId, UUID donorId, Money donationAmount,
                           Money matched, boolean full, Money remaining) {
    public static final String TYPE = CloudEventTypes.of("match-pool", "MatchApplied", 1);
}
