package org.lifeline.donations.domain.money;

import org.lifeline.donations.domain.money.MatchHistory.Applied;
import org.lifeline.donations.domain.money.MatchHistory.Reversed;
import org.lifeline.donations.domain.money.MatchPoolCommand.ApplyMatch;
import org.lifeline.donations.domain.money.MatchPoolCommand.CloseMatchPool;
import org.lifeline.donations.domain.money.MatchPoolCommand.OpenMatchPool;
import org.lifeline.donations.domain.money.MatchPoolCommand.ReverseMatch;
import org.lifeline.donations.domain.money.MatchPoolEvent.MatchApplied;
import org.lifeline.donations.domain.money.MatchPoolEvent.MatchPoolClosed;
import org.lifeline.donations.domain.money.MatchPoolEvent.MatchPoolExhausted;
import org.lifeline.donations.domain.money.MatchPoolEvent.MatchPoolOpened;
import org.lifeline.donations.domain.money.MatchPoolEvent.MatchReversed;
import org.lifeline.kernel.Decider;
import org.lifeline.kernel.Rejected;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The match pool decider. The rules, in the order they apply to a donation ({@link ApplyMatch}):
 * <ol>
 *   <li>a CLOSED pool matches nothing; an OPEN or EXHAUSTED pool whose end time has come closes (ENDED)
 *       and matches nothing: pools close lazily at the first donation after their end, and the timer
 *       closes the others;</li>
 *   <li>an EXHAUSTED pool, a donation in another currency, one below the minimum gift, or one this pool
 *       matched before get no match (no event);</li>
 *   <li>the full match is {@link #fullMatch amount × ratio rounded down (floor) to a whole minor unit};
 *       it is cut to what the pool has left and to what the donor's cap still allows (matches given back
 *       by refunds no longer count against the cap); {@code full} says whether it was cut;</li>
 *   <li>a match that empties the pool is followed by MatchPoolExhausted.</li>
 * </ol>
 * A refund ({@link ReverseMatch}) gives the donation's match back to the pool. An EXHAUSTED pool that gets
 * money back reopens (it is OPEN again: the sponsor promised to match up to the pool, and that money was
 * never spent), unless its end time has come, in which case it closes (ENDED). A CLOSED pool takes the
 * money back into {@code remaining} but stays closed.
 */
public final class MatchPools implements Decider<MatchPoolCommand, MatchPool, MatchPoolEvent> {

    /** The highest ratio a pool may promise (100:1). */
    public static final BigDecimal MAX_RATIO = BigDecimal.valueOf(100);
    /** Ratios are given to at most four decimals (e.g. 1.5, 0.3333). */
    public static final int RATIO_SCALE = 4;
    public static final int MAX_SPONSOR_LENGTH = 200;

    @Override
    public MatchPool initialState() {
        return MatchPool.NONE;
    }

    /** The match a donation earns before any limit: {@code floor(amount × ratio)} in minor units. */
    public static long fullMatch(long amount, BigDecimal ratio) {
        return BigDecimal.valueOf(amount).multiply(ratio).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    @Override
    public List<MatchPoolEvent> decide(MatchPoolCommand command, MatchPool pool) {
        return switch (command) {
            case OpenMatchPool c -> open(c, pool);
            case ApplyMatch c -> apply(c, requireExists(pool));
            case ReverseMatch c -> reverse(c, requireExists(pool));
            case CloseMatchPool c -> close(c, requireExists(pool));
        };
    }

    private static List<MatchPoolEvent> open(OpenMatchPool c, MatchPool pool) {
        if (pool.exists()) {
            throw new Rejected("match-pool-exists", "match pool " + c.matchPoolId() + " is already open");
        }
        if (c.sponsor() == null || c.sponsor().isBlank() || c.sponsor().length() > MAX_SPONSOR_LENGTH) {
            throw new Rejected("invalid-sponsor", "the sponsor must be named in 1–" + MAX_SPONSOR_LENGTH
                    + " characters");
        }
        if (c.ratio() == null || c.ratio().signum() <= 0 || c.ratio().compareTo(MAX_RATIO) > 0
                || c.ratio().stripTrailingZeros().scale() > RATIO_SCALE) {
            throw new Rejected("invalid-ratio", "the ratio must be above 0 and at most " + MAX_RATIO
                    + ", with at most " + RATIO_SCALE + " decimals");
        }
        Donations.requireValid(c.pool());
        requireLimit("per-donor cap", c.perDonorCap(), c.pool());
        requireLimit("minimum gift", c.minGift(), c.pool());
        if (c.endsAt() != null && !c.endsAt().isAfter(c.now())) {
            throw new Rejected("ends-at-in-past", "the end time must be in the future");
        }
        return List.of(new MatchPoolOpened(c.matchPoolId(), c.campaignId(), c.organisationId(), c.sponsor(),
                c.ratio(), c.pool(), c.perDonorCap(), c.minGift(), c.endsAt()));
    }

    private static void requireLimit(String name, Money limit, Money pool) {
        if (limit == null) {
            return;
        }
        if (!limit.sameCurrencyAs(pool)) {
            throw new Rejected("currency-mismatch", "the " + name + " must be in the pool's currency, "
                    + pool.currency());
        }
        if (limit.amount() <= 0) {
            throw new Rejected("invalid-amount", "the " + name + " must be greater than 0 minor units");
        }
    }

    private static List<MatchPoolEvent> apply(ApplyMatch c, MatchPool pool) {
        if (pool.status() == MatchPoolStatus.CLOSED) {
            return List.of();
        }
        if (pool.hasEnded(c.now())) {
            return List.of(closed(pool, CloseReason.ENDED, pool.remaining()));
        }
        Money donation = c.donation();
        if (pool.status() == MatchPoolStatus.EXHAUSTED || !donation.sameCurrencyAs(pool.pool())
                || donation.amount() <= 0 || pool.matches().hasMatched(c.donationId())
                || (pool.minGift() != null && donation.amount() < pool.minGift().amount())) {
            return List.of();
        }
        long full = fullMatch(donation.amount(), pool.ratio());
        long capLeft = pool.perDonorCap() == null ? Long.MAX_VALUE
                : Math.max(0, pool.perDonorCap().amount() - pool.matches().heldBy(c.donorId()));
        long matched = Math.min(full, Math.min(pool.remaining(), capLeft));
        if (matched <= 0) {
            return List.of();
        }
        long remaining = pool.remaining() - matched;
        List<MatchPoolEvent> events = new ArrayList<>(2);
        events.add(new MatchApplied(pool.matchPoolId(), pool.campaignId(), c.donationId(), c.donorId(), donation,
                new Money(matched, pool.currency()), matched == full, new Money(remaining, pool.currency())));
        if (remaining == 0) {
            events.add(new MatchPoolExhausted(pool.matchPoolId(), pool.campaignId()));
        }
        return events;
    }

    private static List<MatchPoolEvent> reverse(ReverseMatch c, MatchPool pool) {
        OptionalLong match = pool.matches().activeMatch(c.donationId());
        if (match.isEmpty()) {
            return List.of();
        }
        long returned = match.getAsLong();
        long remaining = pool.remaining() + returned;
        List<MatchPoolEvent> events = new ArrayList<>(2);
        events.add(new MatchReversed(pool.matchPoolId(), pool.campaignId(), c.donationId(),
                new Money(returned, pool.currency()), new Money(remaining, pool.currency())));
        if (pool.status() != MatchPoolStatus.CLOSED && pool.hasEnded(c.now())) {
            events.add(closed(pool, CloseReason.ENDED, remaining));
        }
        return events;
    }

    private static List<MatchPoolEvent> close(CloseMatchPool c, MatchPool pool) {
        if (pool.status() == MatchPoolStatus.CLOSED) {
            return List.of();
        }
        if (c.reason() == CloseReason.ENDED && !pool.hasEnded(c.now())) {
            throw new Rejected("match-pool-not-ended", "match pool " + pool.matchPoolId() + " runs until "
                    + pool.endsAt());
        }
        return List.of(closed(pool, c.reason(), pool.remaining()));
    }

    private static MatchPoolClosed closed(MatchPool pool, CloseReason reason, long remaining) {
        return new MatchPoolClosed(pool.matchPoolId(), pool.campaignId(), reason,
                new Money(remaining, pool.currency()));
    }

    private static MatchPool requireExists(MatchPool pool) {
        if (!pool.exists()) {
            throw new Rejected("unknown-match-pool", "there is no such match pool");
        }
        return pool;
    }

    @Override
    public MatchPool evolve(MatchPool pool, MatchPoolEvent event) {
        return switch (event) {
            case MatchPoolOpened e -> new MatchPool(e.matchPoolId(), e.campaignId(), e.organisationId(), e.sponsor(),
                    e.ratio(), e.pool(), e.perDonorCap(), e.minGift(), e.endsAt(), e.pool().amount(),
                    MatchPoolStatus.OPEN, null, MatchHistory.EMPTY);
            case MatchApplied e -> pool.with(e.remaining().amount(), pool.status(), pool.closedReason(),
                    pool.matches().with(new Applied(e.donationId(), e.donorId(), e.matched().amount())));
            case MatchPoolExhausted e -> pool.with(pool.remaining(), MatchPoolStatus.EXHAUSTED, null, pool.matches());
            case MatchReversed e -> pool.with(e.remaining().amount(),
                    pool.status() == MatchPoolStatus.EXHAUSTED ? MatchPoolStatus.OPEN : pool.status(),
                    pool.closedReason(), pool.matches().with(new Reversed(e.donationId())));
            case MatchPoolClosed e -> pool.with(e.remaining().amount(), MatchPoolStatus.CLOSED, e.reason(),
                    pool.matches());
        };
    }
}
