package org.lifeline.donations.domain.money;

import org.lifeline.donations.domain.money.MatchPoolCommand.ApplyMatch;
import org.lifeline.donations.domain.money.MatchPoolCommand.OpenMatchPool;
import org.lifeline.donations.domain.money.MatchPoolEvent.MatchApplied;
import org.lifeline.donations.domain.money.MatchPoolEvent.MatchPoolOpened;
import org.lifeline.kernel.testing.DeciderSpec;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Pools, donors and donations for the money deciders' tests. */
final class MoneyFixtures {

    static final Instant T0 = Instant.parse("2026-11-21T08:30:00Z");
    static final Instant ENDS = T0.plus(Duration.ofDays(7));
    static final UUID POOL = UUID.fromString("1a5d9f3c-7e2b-4a68-b4c1-8f3e6d0a9c57");
    static final UUID CAMPAIGN = UUID.fromString("8d2f6c41-5a3e-4b7f-8e19-6c0d2a4b9f15");
    static final UUID ORG = UUID.fromString("3f1c2a9e-7b4d-4e8a-9c61-2d5e8f0a1b23");
    static final UUID ALICE = UUID.fromString("2b6e8d14-3f7a-4c9e-b1d5-7a0f2e9c4b86");
    static final UUID BOB = UUID.fromString("5c2a9e71-8d4f-4b3a-a6e2-1f7d0c9b8e35");
    static final String SPONSOR = "Chengdu Tianfu Foundation";

    private MoneyFixtures() {
    }

    static DeciderSpec<MatchPoolCommand, MatchPool, MatchPoolEvent> pools() {
        return DeciderSpec.of(new MatchPools());
    }

    static DeciderSpec<DonationCommand, Donation, DonationEvent> donations() {
        return DeciderSpec.of(new Donations());
    }

    static Money cny(long fen) {
        return new Money(fen, "CNY");
    }

    static UUID donation(int n) {
        return new UUID(0xD0, n);
    }

    static OpenMatchPool open(String ratio, long pool, Money cap, Money minGift, Instant endsAt) {
        return new OpenMatchPool(POOL, CAMPAIGN, ORG, SPONSOR, new BigDecimal(ratio), cny(pool), cap, minGift, endsAt,
                T0);
    }

    static MatchPoolOpened opened(String ratio, long pool) {
        return opened(ratio, pool, null, null, null);
    }

    static MatchPoolOpened opened(String ratio, long pool, Money cap, Money minGift, Instant endsAt) {
        return new MatchPoolOpened(POOL, CAMPAIGN, ORG, SPONSOR, new BigDecimal(ratio), cny(pool), cap, minGift,
                endsAt);
    }

    static ApplyMatch give(int donation, UUID donor, long fen) {
        return new ApplyMatch(donation(donation), donor, cny(fen), T0.plusSeconds(60));
    }

    static MatchApplied applied(int donation, UUID donor, long fen, long matched, boolean full, long remaining) {
        return new MatchApplied(POOL, CAMPAIGN, donation(donation), donor, cny(fen), cny(matched), full,
                cny(remaining));
    }
}
