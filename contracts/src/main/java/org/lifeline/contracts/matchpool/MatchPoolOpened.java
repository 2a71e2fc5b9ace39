package org.lifeline.contracts.matchpool;

import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.Money;

import java.time.Instant;
import java.util.UUID;

/**
 * A sponsor matches donations to a campaign at {@code ratio} (1.0 = 1:1) up to {@code pool};
 * {@code perDonorCap}, {@code minGift} and {@code endsAt} are optional.
 */
public record MatchPoolOpened(UUID matchPoolId, UUID campaignId, UUID organisationId, String sponsor, double ratio,
                              Money pool, Money perDonorCap, Money minGift, Instant endsAt) {
    public static final String TYPE = CloudEventTypes.of("match-pool", "MatchPoolOpened", 1);
}
