package org.lifeline.donations.domain.pledge;

import org.junit.jupiter.api.Test;
import org.lifeline.donations.domain.pledge.PledgeCommand.CancelPledge;
import org.lifeline.donations.domain.pledge.PledgeCommand.ConfirmPledge;
import org.lifeline.donations.domain.pledge.PledgeCommand.DispatchPledge;
import org.lifeline.donations.domain.pledge.PledgeCommand.RecordDelivery;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.donations.domain.pledge.PledgeFixtures.*;

/** Confirm, dispatch, deliver and cancel. */
class PledgesLifecycleTest {

    @Test
    void a_donor_confirms_a_reserved_pledge_with_method_and_eta() {
        Ledger ledger = pledges().given(reserved(PLEDGE_A, 40))
                .when(new ConfirmPledge(PLEDGE_A, DeliveryMethod.SHIPMENT, ETA, NOW.plusSeconds(60)))
                .then(confirmed(PLEDGE_A));

        Pledge pledge = ledger.pledge(PLEDGE_A).orElseThrow();
        assertThat(pledge.status()).isEqualTo(PledgeStatus.CONFIRMED);
        assertThat(pledge.eta()).isEqualTo(ETA);
        assertThat(pledge.version()).isEqualTo(2);
        assertThat(ledger.held()).isEqualTo(40);
    }

    @Test
    void a_confirmation_after_the_hold_expired_is_rejected() {
        pledges().given(reserved(PLEDGE_A, 40))
                .when(new ConfirmPledge(PLEDGE_A, DeliveryMethod.DROP_OFF, HOLD_EXPIRES.plusSeconds(3600),
                        HOLD_EXPIRES))
                .thenRejected("expired");
    }

    @Test
    void an_eta_in_the_past_is_rejected() {
        var rejected = pledges().given(reserved(PLEDGE_A, 40))
                .when(new ConfirmPledge(PLEDGE_A, DeliveryMethod.DROP_OFF, NOW.minusSeconds(1), NOW))
                .thenRejected("not in the future");
        assertThat(rejected.code()).isEqualTo(Pledges.ETA_IN_PAST);
    }

    @Test
    void confirming_again_changes_the_eta_and_the_same_confirmation_changes_nothing() {
        pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A))
                .when(new ConfirmPledge(PLEDGE_A, DeliveryMethod.SHIPMENT, ETA, NOW))
                .thenNothing();
        pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A))
                .when(new ConfirmPledge(PLEDGE_A, DeliveryMethod.DROP_OFF, ETA.plus(Duration.ofHours(6)), NOW))
                .then(new PledgeConfirmed(PLEDGE_A, NEED, DeliveryMethod.DROP_OFF, ETA.plus(Duration.ofHours(6))));
    }

    @Test
    void a_pledge_in_transit_or_over_cannot_be_confirmed() {
        pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A), dispatched(PLEDGE_A))
                .when(new ConfirmPledge(PLEDGE_A, DeliveryMethod.SHIPMENT, ETA.plusSeconds(5), NOW))
                .thenRejected("already dispatched");
        pledges().given(reserved(PLEDGE_A, 40), new PledgeCancelled(PLEDGE_A, NEED, 40, CancelledBy.DONOR, null))
                .when(new ConfirmPledge(PLEDGE_A, DeliveryMethod.SHIPMENT, ETA, NOW))
                .thenRejected("is CANCELLED");
    }

    @Test
    void an_unknown_pledge_is_rejected() {
        var rejected = pledges().given(reserved(PLEDGE_A, 40))
                .when(new ConfirmPledge(PLEDGE_B, DeliveryMethod.SHIPMENT, ETA, NOW))
                .thenRejected("no pledge");
        assertThat(rejected.code()).isEqualTo(Pledges.PLEDGE_NOT_FOUND);
    }

    @Test
    void a_confirmed_pledge_is_dispatched_with_or_without_tracking() {
        Ledger ledger = pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A))
                .when(new DispatchPledge(PLEDGE_A, "SF Express", "SF1402837465921"))
                .then(dispatched(PLEDGE_A));
        assertThat(ledger.pledge(PLEDGE_A).orElseThrow().status()).isEqualTo(PledgeStatus.IN_TRANSIT);

        pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A))
                .when(new DispatchPledge(PLEDGE_A, null, null))
                .then(new PledgeDispatched(PLEDGE_A, NEED, null, null));
    }

    @Test
    void an_unconfirmed_pledge_cannot_be_dispatched() {
        pledges().given(reserved(PLEDGE_A, 40))
                .when(new DispatchPledge(PLEDGE_A, null, null))
                .thenRejected("must be confirmed");
    }

    @Test
    void the_same_dispatch_again_changes_nothing_and_a_new_tracking_reference_is_recorded() {
        pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A), dispatched(PLEDGE_A))
                .when(new DispatchPledge(PLEDGE_A, "SF Express", "SF1402837465921"))
                .thenNothing();
        pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A), dispatched(PLEDGE_A))
                .when(new DispatchPledge(PLEDGE_A, "SF Express", "SF999"))
                .then(new PledgeDispatched(PLEDGE_A, NEED, "SF Express", "SF999"));
    }

    @Test
    void a_short_delivery_releases_the_rest_of_the_reservation() {
        Ledger ledger = pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A), dispatched(PLEDGE_A))
                .when(new RecordDelivery(PLEDGE_A, 35))
                .then(new PledgeDelivered(PLEDGE_A, NEED, 35, 5));

        assertThat(ledger.held()).isEqualTo(35);
        assertThat(ledger.pledge(PLEDGE_A).orElseThrow().status()).isEqualTo(PledgeStatus.DELIVERED);
    }

    @Test
    void a_full_delivery_releases_nothing_and_goods_dropped_off_unannounced_count_too() {
        pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A))
                .when(new RecordDelivery(PLEDGE_A, 40))
                .then(new PledgeDelivered(PLEDGE_A, NEED, 40, 0));
        pledges().given(reserved(PLEDGE_A, 40))
                .when(new RecordDelivery(PLEDGE_A, 40))
                .then(new PledgeDelivered(PLEDGE_A, NEED, 40, 0));
    }

    @Test
    void more_received_than_reserved_is_rejected() {
        var rejected = pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A))
                .when(new RecordDelivery(PLEDGE_A, 41))
                .thenRejected("more than the 40 reserved");
        assertThat(rejected.code()).isEqualTo(Pledges.DELIVERY_EXCEEDS_RESERVATION);
    }

    @Test
    void a_delivered_pledge_is_delivered_once_and_cannot_be_cancelled() {
        pledges().given(reserved(PLEDGE_A, 40), new PledgeDelivered(PLEDGE_A, NEED, 40, 0))
                .when(new RecordDelivery(PLEDGE_A, 40))
                .thenRejected("is DELIVERED");
        pledges().given(reserved(PLEDGE_A, 40), new PledgeDelivered(PLEDGE_A, NEED, 40, 0))
                .when(new CancelPledge(PLEDGE_A, CancelledBy.COORDINATOR, null))
                .thenRejected("is DELIVERED");
    }

    @Test
    void cancelling_releases_the_reservation_and_cancelling_again_changes_nothing() {
        Ledger ledger = pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A))
                .when(new CancelPledge(PLEDGE_A, CancelledBy.DONOR, "  The truck was requisitioned.  "))
                .then(new PledgeCancelled(PLEDGE_A, NEED, 40, CancelledBy.DONOR, "The truck was requisitioned."));
        assertThat(ledger.held()).isZero();

        pledges().given(reserved(PLEDGE_A, 40), new PledgeCancelled(PLEDGE_A, NEED, 40, CancelledBy.DONOR, null))
                .when(new CancelPledge(PLEDGE_A, CancelledBy.COORDINATOR, "again"))
                .thenNothing();
        pledges().given(reserved(PLEDGE_A, 40), confirmed(PLEDGE_A), dispatched(PLEDGE_A))
                .when(new CancelPledge(PLEDGE_A, CancelledBy.COORDINATOR, " "))
                .then(new PledgeCancelled(PLEDGE_A, NEED, 40, CancelledBy.COORDINATOR, null));
    }

    @Test
    void a_pledge_that_expired_cannot_be_cancelled() {
        pledges().given(reserved(PLEDGE_A, 40), new PledgeHoldExpired(PLEDGE_A, NEED, 40))
                .when(new CancelPledge(PLEDGE_A, CancelledBy.DONOR, null))
                .thenRejected("is HOLD_EXPIRED");
    }
}
