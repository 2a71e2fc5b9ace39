package org.lifeline.donations.domain.pledge;

import org.junit.jupiter.api.Test;
import org.lifeline.donations.domain.need.NeedStatus;
import org.lifeline.donations.domain.pledge.PledgeCommand.ReservePledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.donations.domain.pledge.PledgeFixtures.*;

/** Reserving: the sum of what a need's pledges hold never exceeds what it requests. */
class PledgesReserveTest {

    @Test
    void an_all_or_nothing_pledge_that_fits_is_reserved_whole_and_held_for_48_hours() {
        Ledger ledger = pledges().givenNothing()
                .when(reserve(PLEDGE_A, 40, Policy.ALL_OR_NOTHING, need(100)))
                .then(new PledgeReserved(PLEDGE_A, NEED, CAMPAIGN, ORG, DONOR, 40, 40, Policy.ALL_OR_NOTHING,
                        NOW.plus(HOLD), null));

        assertThat(ledger.held()).isEqualTo(40);
        assertThat(ledger.outstanding(100)).isEqualTo(60);
        assertThat(ledger.pledge(PLEDGE_A).orElseThrow().status()).isEqualTo(PledgeStatus.RESERVED);
    }

    @Test
    void an_all_or_nothing_pledge_that_does_not_fit_is_refused_with_the_outstanding_quantity() {
        PledgeRefused refused = (PledgeRefused) pledges().given(reserved(PLEDGE_A, 70))
                .when(reserve(PLEDGE_B, 40, Policy.ALL_OR_NOTHING, need(100)))
                .thenRejected("only 30 of the 40");

        assertThat(refused.reason()).isEqualTo(RejectionReason.DOES_NOT_FIT);
        assertThat(refused.outstanding()).isEqualTo(30);
        assertThat(refused.code()).isEqualTo("does-not-fit");
    }

    @Test
    void an_all_or_nothing_pledge_of_exactly_the_outstanding_quantity_fills_the_need() {
        Ledger ledger = pledges().given(reserved(PLEDGE_A, 70))
                .when(reserve(PLEDGE_B, 30, Policy.ALL_OR_NOTHING, need(100)))
                .then(reserved(PLEDGE_B, 30));

        assertThat(ledger.outstanding(100)).isZero();
    }

    @Test
    void a_partial_pledge_reserves_what_fits() {
        Ledger ledger = pledges().given(reserved(PLEDGE_A, 70))
                .when(reserve(PLEDGE_B, 50, Policy.PARTIAL, need(100)))
                .then(reserved(PLEDGE_B, 50, 30, Policy.PARTIAL));

        assertThat(ledger.held()).isEqualTo(100);
        assertThat(ledger.pledge(PLEDGE_B).orElseThrow().requested()).isEqualTo(50);
    }

    @Test
    void a_partial_pledge_that_fits_whole_reserves_all_it_asked() {
        pledges().givenNothing()
                .when(reserve(PLEDGE_A, 50, Policy.PARTIAL, need(100)))
                .then(reserved(PLEDGE_A, 50, 50, Policy.PARTIAL));
    }

    @Test
    void nothing_outstanding_refuses_either_policy_with_zero() {
        for (Policy policy : Policy.values()) {
            PledgeRefused refused = (PledgeRefused) pledges().given(reserved(PLEDGE_A, 100))
                    .when(reserve(PLEDGE_B, 1, policy, need(100)))
                    .thenRejected("nothing is outstanding");
            assertThat(refused.reason()).isEqualTo(RejectionReason.NOTHING_OUTSTANDING);
            assertThat(refused.outstanding()).isZero();
        }
    }

    @Test
    void a_need_that_is_not_open_takes_no_pledge() {
        for (NeedStatus status : List.of(NeedStatus.FULFILLED, NeedStatus.CLOSED, NeedStatus.CANCELLED,
                NeedStatus.EXPIRED)) {
            PledgeRefused refused = (PledgeRefused) pledges().givenNothing()
                    .when(reserve(PLEDGE_A, 1, Policy.PARTIAL, need(100, status)))
                    .thenRejected("is " + status);
            assertThat(refused.reason()).isEqualTo(RejectionReason.NEED_NOT_OPEN);
            assertThat(refused.code()).isEqualTo("need-not-open");
        }
    }

    @Test
    void released_reservations_are_outstanding_again() {
        pledges().given(reserved(PLEDGE_A, 60), reserved(PLEDGE_B, 40),
                        new PledgeCancelled(PLEDGE_A, NEED, 60, CancelledBy.DONOR, null))
                .when(reserve(PLEDGE_C, 60, Policy.ALL_OR_NOTHING, need(100)))
                .then(reserved(PLEDGE_C, 60));
        pledges().given(reserved(PLEDGE_A, 60), reserved(PLEDGE_B, 40), new PledgeHoldExpired(PLEDGE_B, NEED, 40))
                .when(reserve(PLEDGE_C, 40, Policy.ALL_OR_NOTHING, need(100)))
                .then(reserved(PLEDGE_C, 40));
        pledges().given(reserved(PLEDGE_A, 60), confirmed(PLEDGE_A), reserved(PLEDGE_B, 40),
                        new PledgeNoShowMarked(PLEDGE_A, NEED, 60, ETA))
                .when(reserve(PLEDGE_C, 60, Policy.ALL_OR_NOTHING, need(100)))
                .then(reserved(PLEDGE_C, 60));
    }

    @Test
    void what_was_received_still_counts_and_only_a_short_delivery_gives_back_the_rest() {
        Ledger ledger = pledges().given(reserved(PLEDGE_A, 60), new PledgeDelivered(PLEDGE_A, NEED, 45, 15),
                        reserved(PLEDGE_B, 40))
                .when(reserve(PLEDGE_C, 15, Policy.ALL_OR_NOTHING, need(100)))
                .then(reserved(PLEDGE_C, 15));
        assertThat(ledger.held()).isEqualTo(100);

        PledgeRefused refused = (PledgeRefused) pledges().given(reserved(PLEDGE_A, 60),
                        new PledgeDelivered(PLEDGE_A, NEED, 45, 15), reserved(PLEDGE_B, 40))
                .when(reserve(PLEDGE_C, 16, Policy.ALL_OR_NOTHING, need(100)))
                .thenRejected("only 15");
        assertThat(refused.outstanding()).isEqualTo(15);
    }

    @Test
    void a_need_revised_below_its_reservations_has_nothing_outstanding_and_keeps_its_pledges() {
        PledgeRefused refused = (PledgeRefused) pledges().given(reserved(PLEDGE_A, 60), reserved(PLEDGE_B, 30))
                .when(reserve(PLEDGE_C, 1, Policy.PARTIAL, need(50)))
                .thenRejected("nothing is outstanding");
        assertThat(refused.outstanding()).isZero();
        assertThat(pledges().given(reserved(PLEDGE_A, 60), reserved(PLEDGE_B, 30)).state().held()).isEqualTo(90);
    }

    @Test
    void a_pledge_from_an_offer_carries_the_offer() {
        UUID offer = UUID.randomUUID();
        pledges().givenNothing()
                .when(new ReservePledge(PLEDGE_A, need(100), DONOR, 10, Policy.ALL_OR_NOTHING, offer, NOW))
                .then(new PledgeReserved(PLEDGE_A, NEED, CAMPAIGN, ORG, DONOR, 10, 10, Policy.ALL_OR_NOTHING,
                        HOLD_EXPIRES, offer));
    }

    @Test
    void quantities_outside_one_to_ten_million_are_rejected() {
        pledges().givenNothing().when(reserve(PLEDGE_A, 0, Policy.PARTIAL, need(100))).thenRejected("not 0");
        pledges().givenNothing().when(reserve(PLEDGE_A, -5, Policy.PARTIAL, need(100))).thenRejected("not -5");
        pledges().givenNothing().when(reserve(PLEDGE_A, 10_000_001, Policy.PARTIAL, need(100)))
                .thenRejected("not 10000001");
    }

    @Test
    void the_same_pledge_cannot_be_reserved_twice() {
        pledges().given(reserved(PLEDGE_A, 10))
                .when(reserve(PLEDGE_A, 10, Policy.ALL_OR_NOTHING, need(100)))
                .thenRejected("already on the ledger");
    }

    @Test
    void no_sequence_of_pledges_and_releases_holds_more_than_requested() {
        Pledges decider = decider();
        Random random = new Random(20261121);
        for (int run = 0; run < 200; run++) {
            int requested = 1 + random.nextInt(120);
            Ledger ledger = decider.initialState();
            List<UUID> ids = new ArrayList<>();
            for (int step = 0; step < 60; step++) {
                PledgeCommand command;
                if (!ids.isEmpty() && random.nextInt(4) == 0) {
                    UUID id = ids.get(random.nextInt(ids.size()));
                    command = random.nextBoolean() ? new PledgeCommand.CancelPledge(id, CancelledBy.DONOR, null)
                            : new PledgeCommand.RecordDelivery(id, 0);
                } else {
                    UUID id = UUID.randomUUID();
                    ids.add(id);
                    command = reserve(id, 1 + random.nextInt(30),
                            random.nextBoolean() ? Policy.PARTIAL : Policy.ALL_OR_NOTHING, need(requested));
                }
                try {
                    ledger = decider.replay(ledger, decider.decide(command, ledger));
                } catch (org.lifeline.kernel.Rejected expected) {
                    // refused or not active: the ledger stays as it was
                }
                assertThat(ledger.held()).as("run %d step %d", run, step).isBetween(0, requested);
            }
        }
    }
}
