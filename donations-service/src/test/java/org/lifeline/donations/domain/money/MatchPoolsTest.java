package org.lifeline.donations.domain.money;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeline.donations.domain.money.MatchPoolCommand.ApplyMatch;
import org.lifeline.donations.domain.money.MatchPoolCommand.CloseMatchPool;
import org.lifeline.donations.domain.money.MatchPoolCommand.OpenMatchPool;
import org.lifeline.donations.domain.money.MatchPoolCommand.ReverseMatch;
import org.lifeline.donations.domain.money.MatchPoolEvent.MatchPoolClosed;
import org.lifeline.donations.domain.money.MatchPoolEvent.MatchPoolExhausted;
import org.lifeline.donations.domain.money.MatchPoolEvent.MatchReversed;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.donations.domain.money.MoneyFixtures.*;

/** Sponsors' match pools: opening, full, partial and no matches, exhaustion, refunds and closing. */
class MatchPoolsTest {

    // --- opening

    @Test
    void a_pool_opens_with_all_of_it_remaining() {
        MatchPool pool = pools().givenNothing()
                .when(open("1.0", 50_000_00, cny(1_000_00), cny(10_00), ENDS))
                .then(opened("1.0", 50_000_00, cny(1_000_00), cny(10_00), ENDS));

        assertThat(pool.status()).isEqualTo(MatchPoolStatus.OPEN);
        assertThat(pool.remainingMoney()).isEqualTo(cny(50_000_00));
        assertThat(pool.matchedMoney()).isEqualTo(cny(0));
    }

    @Test
    void a_pool_opens_only_once() {
        assertThat(pools().given(opened("1.0", 1000)).when(open("1.0", 1000, null, null, null))
                .thenRejected("already open").code()).isEqualTo("match-pool-exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "100.5", "1.00001"})
    void a_ratio_must_be_above_0_at_most_100_with_4_decimals(String ratio) {
        assertThat(pools().givenNothing().when(open(ratio, 1000, null, null, null))
                .thenRejected("ratio").code()).isEqualTo("invalid-ratio");
    }

    @Test
    void the_pool_must_be_money_of_a_real_currency() {
        var fakeCurrency = new OpenMatchPool(POOL, CAMPAIGN, ORG, SPONSOR, BigDecimal.ONE, new Money(1000, "XXX"), null,
                null, null, T0);
        assertThat(pools().givenNothing().when(fakeCurrency).thenRejected("ISO 4217").code())
                .isEqualTo("invalid-currency");
        assertThat(pools().givenNothing().when(open("1.0", 0, null, null, null)).thenRejected("greater than 0").code())
                .isEqualTo("invalid-amount");
    }

    @Test
    void the_cap_and_the_minimum_gift_are_in_the_pool_currency() {
        assertThat(pools().givenNothing().when(open("1.0", 1000, new Money(100, "USD"), null, null))
                .thenRejected("per-donor cap must be in the pool's currency").code()).isEqualTo("currency-mismatch");
        assertThat(pools().givenNothing().when(open("1.0", 1000, null, new Money(100, "EUR"), null))
                .thenRejected("minimum gift must be in the pool's currency").code()).isEqualTo("currency-mismatch");
    }

    @Test
    void a_pool_cannot_end_before_it_opens() {
        assertThat(pools().givenNothing().when(open("1.0", 1000, null, null, T0)).thenRejected("future").code())
                .isEqualTo("ends-at-in-past");
    }

    @Test
    void a_pool_needs_a_sponsor() {
        var anonymous = new OpenMatchPool(POOL, CAMPAIGN, ORG, " ", BigDecimal.ONE, cny(1000), null, null, null, T0);
        assertThat(pools().givenNothing().when(anonymous).thenRejected("sponsor").code()).isEqualTo("invalid-sponsor");
    }

    // --- matching

    @Test
    void a_donation_gets_a_full_match_at_1_to_1() {
        pools().given(opened("1.0", 50_000_00))
                .when(give(1, ALICE, 200_00))
                .then(applied(1, ALICE, 200_00, 200_00, true, 49_800_00));
    }

    @Test
    void a_2_to_1_pool_doubles_the_gift() {
        pools().given(opened("2.0", 10_000))
                .when(give(1, ALICE, 1_500))
                .then(applied(1, ALICE, 1_500, 3_000, true, 7_000));
    }

    @ParameterizedTest(name = "{0} fen at {1} matches {2} fen")
    @CsvSource({"333, 1.5, 499", "1, 0.5, 0", "3, 0.3333, 0", "10000, 0.3333, 3333", "999, 1.0, 999",
            "7, 2.5, 17"})
    void matches_are_rounded_down_to_a_whole_minor_unit(long amount, String ratio, long match) {
        assertThat(MatchPools.fullMatch(amount, new BigDecimal(ratio))).isEqualTo(match);
    }

    @Test
    void a_match_that_rounds_to_nothing_is_no_match() {
        pools().given(opened("0.5", 10_000)).when(give(1, ALICE, 1)).thenNothing();
    }

    @Test
    void the_last_of_the_pool_makes_a_partial_match_and_exhausts_it() {
        MatchPool pool = pools().given(opened("1.0", 1_000), applied(1, ALICE, 700, 700, true, 300))
                .when(give(2, BOB, 500))
                .then(applied(2, BOB, 500, 300, false, 0), new MatchPoolExhausted(POOL, CAMPAIGN));

        assertThat(pool.status()).isEqualTo(MatchPoolStatus.EXHAUSTED);
        assertThat(pool.remaining()).isZero();
    }

    @Test
    void a_match_that_spends_exactly_the_rest_is_full_and_exhausts_the_pool() {
        pools().given(opened("1.0", 1_000))
                .when(give(1, ALICE, 1_000))
                .then(applied(1, ALICE, 1_000, 1_000, true, 0), new MatchPoolExhausted(POOL, CAMPAIGN));
    }

    @Test
    void an_exhausted_pool_matches_nothing() {
        pools().given(opened("1.0", 1_000), applied(1, ALICE, 1_000, 1_000, true, 0),
                        new MatchPoolExhausted(POOL, CAMPAIGN))
                .when(give(2, BOB, 100))
                .thenNothing();
    }

    @Test
    void the_per_donor_cap_cuts_the_match_then_stops_it() {
        var given = pools().given(opened("1.0", 10_000, cny(800), null, null), applied(1, ALICE, 500, 500, true, 9_500));
        given.when(give(2, ALICE, 500)).then(applied(2, ALICE, 500, 300, false, 9_200));

        pools().given(opened("1.0", 10_000, cny(800), null, null), applied(1, ALICE, 500, 500, true, 9_500),
                        applied(2, ALICE, 500, 300, false, 9_200))
                .when(give(3, ALICE, 500))
                .thenNothing();
    }

    @Test
    void the_cap_is_per_donor() {
        pools().given(opened("1.0", 10_000, cny(800), null, null), applied(1, ALICE, 800, 800, true, 9_200))
                .when(give(2, BOB, 500))
                .then(applied(2, BOB, 500, 500, true, 8_700));
    }

    @Test
    void a_refunded_match_no_longer_counts_against_the_cap() {
        pools().given(opened("1.0", 10_000, cny(800), null, null), applied(1, ALICE, 800, 800, true, 9_200),
                        new MatchReversed(POOL, CAMPAIGN, donation(1), cny(800), cny(10_000)))
                .when(give(2, ALICE, 500))
                .then(applied(2, ALICE, 500, 500, true, 9_500));
    }

    @Test
    void a_gift_under_the_minimum_gets_no_match_and_one_at_it_does() {
        var pool = opened("1.0", 10_000, null, cny(1_000), null);
        pools().given(pool).when(give(1, ALICE, 999)).thenNothing();
        pools().given(pool).when(give(1, ALICE, 1_000)).then(applied(1, ALICE, 1_000, 1_000, true, 9_000));
    }

    @Test
    void a_gift_in_another_currency_gets_no_match() {
        pools().given(opened("1.0", 10_000))
                .when(new ApplyMatch(donation(1), ALICE, new Money(500, "USD"), T0))
                .thenNothing();
    }

    @Test
    void a_donation_is_matched_once() {
        pools().given(opened("1.0", 10_000), applied(1, ALICE, 500, 500, true, 9_500))
                .when(give(1, ALICE, 500))
                .thenNothing();
    }

    @Test
    void a_donation_after_the_end_closes_the_pool_and_gets_no_match() {
        MatchPool pool = pools().given(opened("1.0", 10_000, null, null, ENDS))
                .when(new ApplyMatch(donation(1), ALICE, cny(500), ENDS))
                .then(new MatchPoolClosed(POOL, CAMPAIGN, CloseReason.ENDED, cny(10_000)));

        assertThat(pool.status()).isEqualTo(MatchPoolStatus.CLOSED);
        assertThat(pool.closedReason()).isEqualTo(CloseReason.ENDED);
        pools().given(opened("1.0", 10_000, null, null, ENDS),
                        new MatchPoolClosed(POOL, CAMPAIGN, CloseReason.ENDED, cny(10_000)))
                .when(give(2, BOB, 500))
                .thenNothing();
    }

    @Test
    void a_donation_just_before_the_end_is_matched() {
        pools().given(opened("1.0", 10_000, null, null, ENDS))
                .when(new ApplyMatch(donation(1), ALICE, cny(500), ENDS.minusMillis(1)))
                .then(applied(1, ALICE, 500, 500, true, 9_500));
    }

    // --- refunds

    @Test
    void a_refund_gives_the_match_back() {
        MatchPool pool = pools().given(opened("1.0", 10_000), applied(1, ALICE, 500, 500, true, 9_500))
                .when(new ReverseMatch(donation(1), T0))
                .then(new MatchReversed(POOL, CAMPAIGN, donation(1), cny(500), cny(10_000)));

        assertThat(pool.remaining()).isEqualTo(10_000);
    }

    @Test
    void an_exhausted_pool_reopens_when_a_refund_gives_money_back() {
        MatchPool pool = pools().given(opened("1.0", 1_000), applied(1, ALICE, 1_000, 1_000, true, 0),
                        new MatchPoolExhausted(POOL, CAMPAIGN))
                .when(new ReverseMatch(donation(1), T0))
                .then(new MatchReversed(POOL, CAMPAIGN, donation(1), cny(1_000), cny(1_000)));

        assertThat(pool.status()).isEqualTo(MatchPoolStatus.OPEN);
        pools().given(opened("1.0", 1_000), applied(1, ALICE, 1_000, 1_000, true, 0),
                        new MatchPoolExhausted(POOL, CAMPAIGN),
                        new MatchReversed(POOL, CAMPAIGN, donation(1), cny(1_000), cny(1_000)))
                .when(give(2, BOB, 400))
                .then(applied(2, BOB, 400, 400, true, 600));
    }

    @Test
    void an_exhausted_pool_past_its_end_closes_when_money_comes_back() {
        pools().given(opened("1.0", 1_000, null, null, ENDS), applied(1, ALICE, 1_000, 1_000, true, 0),
                        new MatchPoolExhausted(POOL, CAMPAIGN))
                .when(new ReverseMatch(donation(1), ENDS.plus(Duration.ofHours(1))))
                .then(new MatchReversed(POOL, CAMPAIGN, donation(1), cny(1_000), cny(1_000)),
                        new MatchPoolClosed(POOL, CAMPAIGN, CloseReason.ENDED, cny(1_000)));
    }

    @Test
    void a_closed_pool_takes_the_money_back_and_stays_closed() {
        MatchPool pool = pools().given(opened("1.0", 1_000), applied(1, ALICE, 600, 600, true, 400),
                        new MatchPoolClosed(POOL, CAMPAIGN, CloseReason.CLOSED, cny(400)))
                .when(new ReverseMatch(donation(1), T0))
                .then(new MatchReversed(POOL, CAMPAIGN, donation(1), cny(600), cny(1_000)));

        assertThat(pool.status()).isEqualTo(MatchPoolStatus.CLOSED);
    }

    @Test
    void a_donation_without_a_match_here_or_refunded_before_gives_nothing_back() {
        pools().given(opened("1.0", 1_000)).when(new ReverseMatch(donation(9), T0)).thenNothing();
        pools().given(opened("1.0", 1_000), applied(1, ALICE, 600, 600, true, 400),
                        new MatchReversed(POOL, CAMPAIGN, donation(1), cny(600), cny(1_000)))
                .when(new ReverseMatch(donation(1), T0))
                .thenNothing();
    }

    @Test
    void a_refund_never_brings_the_pool_above_its_size() {
        MatchPool pool = pools().given(opened("1.0", 1_000), applied(1, ALICE, 300, 300, true, 700),
                        applied(2, BOB, 700, 700, true, 0), new MatchPoolExhausted(POOL, CAMPAIGN),
                        new MatchReversed(POOL, CAMPAIGN, donation(1), cny(300), cny(300)))
                .when(new ReverseMatch(donation(2), T0))
                .then(new MatchReversed(POOL, CAMPAIGN, donation(2), cny(700), cny(1_000)));
        assertThat(pool.remaining()).isEqualTo(pool.pool().amount());
    }

    // --- closing

    @Test
    void the_timer_closes_a_pool_whose_end_has_come() {
        pools().given(opened("1.0", 1_000, null, null, ENDS), applied(1, ALICE, 600, 600, true, 400))
                .when(new CloseMatchPool(CloseReason.ENDED, ENDS.plusSeconds(1)))
                .then(new MatchPoolClosed(POOL, CAMPAIGN, CloseReason.ENDED, cny(400)));
    }

    @Test
    void the_timer_does_not_end_a_pool_early() {
        assertThat(pools().given(opened("1.0", 1_000, null, null, ENDS))
                .when(new CloseMatchPool(CloseReason.ENDED, ENDS.minusSeconds(1)))
                .thenRejected("runs until").code()).isEqualTo("match-pool-not-ended");
    }

    @Test
    void a_coordinator_closes_a_pool_once() {
        pools().given(opened("1.0", 1_000))
                .when(new CloseMatchPool(CloseReason.CLOSED, T0))
                .then(new MatchPoolClosed(POOL, CAMPAIGN, CloseReason.CLOSED, cny(1_000)));
        pools().given(opened("1.0", 1_000), new MatchPoolClosed(POOL, CAMPAIGN, CloseReason.CLOSED, cny(1_000)))
                .when(new CloseMatchPool(CloseReason.CLOSED, T0))
                .thenNothing();
    }

    @Test
    void commands_on_a_pool_that_was_never_opened_are_rejected() {
        assertThat(pools().givenNothing().when(give(1, ALICE, 100)).thenRejected("no such match pool").code())
                .isEqualTo("unknown-match-pool");
    }

    @Test
    void the_per_donor_cap_holds_over_thousands_of_gifts() {
        MatchPools decider = new MatchPools();
        MatchPool pool = decider.initialState();
        pool = decider.evolve(pool, opened("1.0", 10_000_000, cny(1_000), null, null));
        for (int i = 0; i < 20_000; i++) {
            pool = decider.replay(pool, decider.decide(give(i, i % 2 == 0 ? ALICE : BOB, 10), pool));
        }
        assertThat(pool.matches().heldBy(ALICE)).isEqualTo(1_000);
        assertThat(pool.matches().heldBy(BOB)).isEqualTo(1_000);
        assertThat(pool.remaining()).isEqualTo(10_000_000 - 2_000);
    }
}
