package org.lifeline.contracts.matchpool;

import org.lifeline.contracts.CloudEventTypes;

import java.util.UUID;

/** The pool is spent: later donations get no match. */
public record MatchPoolExhausted(UUID matchPoolId, UUID campaignId) {
    public static final String TYPE = CloudEventTypes.of("match-pool", "MatchPoolExhausted", 1);
}
