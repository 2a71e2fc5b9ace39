package org.lifeline.donations.domain.pledge;

import org.junit.jupiter.api.Test;
import org.lifeline.donations.domain.pledge.PledgeCommand.ExpireHold;
import org.lifeline.donations.domain.pledge.PledgeCommand.MarkNoShow;
import org.lifeline.donations.domain.pledge.PledgeCommand.ReleaseNeedPledges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.donations.domain.pledge.PledgeFixtures.*;

/** Holds that lapse, no-shows, and needs that end: each releases what the pledge held. */
class PledgesTimersTest {

    @Test
    void an_unconfirmed_hold_expires_at_its_time_and_releases_the_quantity() {
        pledges().given(reserved(PLEDGE_A, 40))
                .when(new ExpireHold(PLEDGE_A, HOLD_EXPIRES.minusMillis(1)))
                .thenNothing();
        Ledger ledger = pledges().given(reserved(PLEDGE_A, 40))
                .when(new ExpireHold(PLEDGE_A, HOLD_EXPIRES))
                .then(new PledgeHoldExpired(PLEDGE_A, NEED, 40));
        assertThat(ledger.held()).isZero();
        assertThat(ledger.pledge(PLEDGE_A).orElseThrow().status()).isEqualTo(PledgeStatus.HOLD_EXPIRED);
    }

    @Test
    void a_confirmed_or_ended_pledge_does_not_expire() {
        pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A))
                .when(new ExpireHold(PLEDGE_A, HOLD_EXPIRES.plusSeconds(1)))
                .thenNothing();
        pledges().given(reserved(PLEDGE_A, 40), new PledgeHoldExpired(PLEDGE_A, NEED, 40))
                .when(new ExpireHold(PLEDGE_A, HOLD_EXPIRES.plusSeconds(1)))
                .thenNothing();
    }

    @Test
    void a_confirmed_pledge_not_dispatched_by_eta_plus_grace_is_a_no_show() {
        pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A))
                .when(new MarkNoShow(PLEDGE_A, ETA.plus(GRACE).minusMillis(1)))
                .thenNothing();
        Ledger ledger = pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A))
                .when(new MarkNoShow(PLEDGE_A, ETA.plus(GRACE)))
                .then(new PledgeNoShowMarked(PLEDGE_A, NEED, 40, ETA));
        assertThat(ledger.held()).isZero();
        assertThat(ledger.pledge(PLEDGE_A).orElseThrow().status()).isEqualTo(PledgeStatus.NO_SHOW);
    }

    @Test
    void a_dispatched_or_unconfirmed_pledge_is_no_no_show() {
        pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A), dispatched(PLEDGE_A))
                .when(new MarkNoShow(PLEDGE_A, ETA.plus(GRACE).plusSeconds(1)))
                .thenNothing();
        pledges().given(reserved(PLEDGE_A, 40))
                .when(new MarkNoShow(PLEDGE_A, ETA.plus(GRACE).plusSeconds(1)))
                .thenNothing();
    }

    @Test
    void a_need_that_ends_releases_its_active_pledges_only() {
        Ledger ledger = pledges().given(reserved(PLEDGE_A, 40), new PledgeDelivered(PLEDGE_A, NEED, 40, 0),
                        reserved(PLEDGE_B, 30), confirmed(PLEDGE_B), reserved(PLEDGE_C, 20),
                        new PledgeCancelled(PLEDGE_C, NEED, 20, CancelledBy.DONOR, null))
                .when(new ReleaseNeedPledges(NEED, CancelledBy.NEED_CANCELLED))
                .then(new PledgeCancelled(PLEDGE_B, NEED, 30, CancelledBy.NEED_CANCELLED, null));
        assertThat(ledger.held()).isEqualTo(40);

        pledges().given(reserved(PLEDGE_A, 40), reserved(PLEDGE_B, 30))
                .when(new ReleaseNeedPledges(NEED, CancelledBy.NEED_EXPIRED))
                .then(new PledgeCancelled(PLEDGE_A, NEED, 40, CancelledBy.NEED_EXPIRED, null),
                        new PledgeCancelled(PLEDGE_B, NEED, 30, CancelledBy.NEED_EXPIRED, null));
    }

    @Test
    void a_need_closed_as_met_keeps_the_goods_already_on_their_way_and_they_can_still_be_delivered() {
        Ledger ledger = pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A), dispatched(PLEDGE_A),
                        reserved(PLEDGE_B, 30), confirmed(PLEDGE_B))
                .when(new ReleaseNeedPledges(NEED, CancelledBy.NEED_CLOSED))
                .then(new PledgeCancelled(PLEDGE_B, NEED, 30, CancelledBy.NEED_CLOSED, null));
        assertThat(ledger.held()).isEqualTo(40);

        pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A), dispatched(PLEDGE_A))
                .when(new ReleaseNeedPledges(NEED, CancelledBy.NEED_CANCELLED))
                .then(new PledgeCancelled(PLEDGE_A, NEED, 40, CancelledBy.NEED_CANCELLED, null));
    }

    @Test
    void a_need_that_ends_twice_changes_nothing_the_second_time() {
        pledges().given(reserved(PLEDGE_A, 40),
                        new PledgeCancelled(PLEDGE_A, NEED, 40, CancelledBy.NEED_CLOSED, null))
                .when(new ReleaseNeedPledges(NEED, CancelledBy.NEED_CLOSED))
                .thenNothing();
        pledges().givenNothing().when(new ReleaseNeedPledges(NEED, CancelledBy.NEED_CLOSED)).thenNothing();
    }
}
