package org.lifeline.donations.domain.money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A match pool as its events made it; {@code remaining} is in minor units of the pool's currency. */
public record MatchPool(UUID matchPoolId, UUID campaignId, UUID organisationId, String sponsor, BigDecimal ratio,
                        Money pool, Money perDonorCap, Money minGift, Instant endsAt, long remaining,
                        MatchPoolStatus status, CloseReason closedReason, MatchHistory matches) {

    public static final MatchPool NONE = new MatchPool(null, null, null, null, null, null, null, null, null, 0,
            MatchPoolStatus.NONE, null, MatchHistory.EMPTY);

    public boolean exists() {
        return status != MatchPoolStatus.NONE;
    }

    /** Whether the end time has come at {@code now}. */
    public boolean hasEnded(Instant now) {
        return endsAt != null && !now.isBefore(endsAt);
    }

    public String currency() {
        return pool.currency();
    }

    public Money remainingMoney() {
        return new Money(remaining, pool.currency());
    }

    /** What the pool has given and not taken back. */
    public Money matchedMoney() {
        return new Money(pool.amount() - remaining, pool.currency());
    }

    MatchPool with(long remaining, MatchPoolStatus status, CloseReason closedReason, MatchHistory matches) {
        return new MatchPool(matchPoolId, campaignId, organisationId, sponsor, ratio, pool, perDonorCap, minGift,
                endsAt, remaining, status, closedReason, matches);
    }
}
