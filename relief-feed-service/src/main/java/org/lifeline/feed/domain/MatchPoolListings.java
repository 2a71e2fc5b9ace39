package org.lifeline.feed.domain;

import java.time.Instant;
import org.lifeline.contracts.Money;
import org.lifeline.contracts.matchpool.MatchApplied;
import org.lifeline.contracts.matchpool.MatchPoolClosed;
import org.lifeline.contracts.matchpool.MatchPoolExhausted;
import org.lifeline.contracts.matchpool.MatchPoolOpened;
import org.lifeline.contracts.matchpool.MatchReversed;

/** How match-pool events move a pool's public listing. Matches never show which donation or donor took them. */
public final class MatchPoolListings {

    private MatchPoolListings() {
    }

    public static MatchPoolListing opened(MatchPoolOpened e, Instant at, long version) {
        return new MatchPoolListing(e.matchPoolId(), e.campaignId(), e.organisationId(), e.sponsor(), e.ratio(),
                e.pool(), e.perDonorCap(), e.minGift(), e.endsAt(), e.pool(), "OPEN", null, at, version);
    }

    public static MatchPoolListing evolve(MatchPoolListing p, Object event, Instant at, long version) {
        return switch (event) {
            case MatchApplied e -> with(p, e.remaining(), p.status(), p.closeReason(), at, version);
            // A refund gives the match back: an exhausted pool has money to match again.
            case MatchReversed e -> with(p, e.remaining(),
                    "EXHAUSTED".equals(p.status()) && e.remaining() != null && e.remaining().amount() > 0
                            ? "OPEN" : p.status(), p.closeReason(), at, version);
            case MatchPoolExhausted e -> with(p, p.remaining(), "EXHAUSTED", p.closeReason(), at, version);
            case MatchPoolClosed e -> with(p, e.remaining() != null ? e.remaining() : p.remaining(), "CLOSED",
                    e.reason() == null ? null : e.reason().name(), at, version);
            default -> throw new IllegalArgumentException("not a match-pool event: " + event.getClass().getSimpleName());
        };
    }

    private static MatchPoolListing with(MatchPoolListing p, Money remaining, String status, String closeReason,
                                         Instant at, long version) {
        return new MatchPoolListing(p.id(), p.campaignId(), p.organisationId(), p.sponsor(), p.ratio(), p.pool(),
                p.perDonorCap(), p.minGift(), p.endsAt(), remaining, status, closeReason, at,
                Math.max(version, p.version()));
    }
}
