package org.lifeline.campaigns.domain.need;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.campaigns.domain.need.NeedFixtures.*;

/** Donations' pledge events move the reserved and delivered counters, and with them the status. */
class NeedsCountersTest {

    @Test
    void a_reservation_raises_reserved_and_lowers_outstanding() {
        Need need = needs().given(posted(500))
                .when(new RecordReservation(NEED, PLEDGE_A, 200))
                .then(reserved(PLEDGE_A, 200));

        assertThat(need.reserved()).isEqualTo(200);
        assertThat(need.outstanding()).isEqualTo(300);
        assertThat(need.status()).isEqualTo(NeedStatus.OPEN);
    }

    @Test
    void reservations_reaching_requested_make_the_need_fully_pledged() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 200))
                .when(new RecordReservation(NEED, PLEDGE_B, 300))
                .then(reserved(PLEDGE_B, 300));

        assertThat(need.status()).isEqualTo(NeedStatus.FULLY_PLEDGED);
        assertThat(need.outstanding()).isZero();
    }

    @Test
    void releasing_a_pledge_reopens_a_fully_pledged_need() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 200), reserved(PLEDGE_B, 300))
                .when(new ReleaseReservation(NEED, PLEDGE_A))
                .then(released(PLEDGE_A, 200));

        assertThat(need.status()).isEqualTo(NeedStatus.OPEN);
        assertThat(need.reserved()).isEqualTo(300);
        assertThat(need.reservations()).containsOnlyKeys(PLEDGE_B);
    }

    @Test
    void the_same_reservation_recorded_twice_counts_once() {
        needs().given(posted(500), reserved(PLEDGE_A, 200))
                .when(new RecordReservation(NEED, PLEDGE_A, 200))
                .thenNothing();
    }

    @Test
    void a_released_pledge_replayed_from_the_start_of_the_topic_is_not_counted_again() {
        needs().given(posted(500), reserved(PLEDGE_A, 200), released(PLEDGE_A, 200))
                .when(new RecordReservation(NEED, PLEDGE_A, 200))
                .thenNothing();
    }

    @Test
    void a_delivered_pledge_replayed_from_the_start_of_the_topic_is_not_counted_again() {
        needs().given(posted(500), reserved(PLEDGE_A, 200), delivered(PLEDGE_A, 0), released(PLEDGE_A, 200))
                .when(new RecordReservation(NEED, PLEDGE_A, 200))
                .thenNothing();
    }

    @Test
    void a_pledge_cannot_hold_two_different_reservations() {
        var rejected = needs().given(posted(500), reserved(PLEDGE_A, 200))
                .when(new RecordReservation(NEED, PLEDGE_A, 250))
                .thenRejected("already holds 200");
        assertThat(rejected.code()).isEqualTo(Needs.PLEDGE_ALREADY_RESERVED);
    }

    @Test
    void a_reservation_of_nothing_is_rejected() {
        needs().given(posted(500)).when(new RecordReservation(NEED, PLEDGE_A, 0)).thenRejected("at least 1");
    }

    @Test
    void releasing_a_pledge_already_released_or_never_seen_changes_nothing() {
        needs().given(posted(500), reserved(PLEDGE_A, 200), released(PLEDGE_A, 200))
                .when(new ReleaseReservation(NEED, PLEDGE_A))
                .thenNothing();
        needs().given(posted(500)).when(new ReleaseReservation(NEED, PLEDGE_C)).thenNothing();
    }

    @Test
    void a_reservation_landing_above_the_request_is_kept_and_over_subscribes_the_need() {
        // A revision down raced a pledge in donations: the pledge is a fact, the coordinator is told.
        Need need = needs().given(posted(300), reserved(PLEDGE_A, 200))
                .when(new RecordReservation(NEED, PLEDGE_B, 150))
                .then(reserved(PLEDGE_B, 150), new NeedOverSubscribed(NEED, 300, 350));

        assertThat(need.reserved()).isEqualTo(350);
        assertThat(need.overSubscribed()).isTrue();
        assertThat(need.status()).isEqualTo(NeedStatus.FULLY_PLEDGED);
    }

    @Test
    void a_delivery_raises_delivered() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 200))
                .when(new RecordDelivery(NEED, PLEDGE_A, 200))
                .then(delivered(PLEDGE_A, 200));

        assertThat(need.delivered()).isEqualTo(200);
        assertThat(need.reserved()).isEqualTo(200);
        assertThat(need.status()).isEqualTo(NeedStatus.OPEN);
    }

    @Test
    void deliveries_reaching_requested_fulfil_the_need() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 200), reserved(PLEDGE_B, 300), delivered(PLEDGE_A, 200))
                .when(new RecordDelivery(NEED, PLEDGE_B, 300))
                .then(delivered(PLEDGE_B, 300), new NeedFulfilled(NEED, 500, 500));

        assertThat(need.status()).isEqualTo(NeedStatus.FULFILLED);
        assertThat(need.delivered()).isEqualTo(500);
    }

    @Test
    void an_over_subscribed_need_is_fulfilled_once_the_revised_request_has_arrived() {
        needs().given(posted(500), reserved(PLEDGE_A, 400), new NeedQuantityRevised(NEED, 500, 300),
                        new NeedOverSubscribed(NEED, 300, 400))
                .when(new RecordDelivery(NEED, PLEDGE_A, 400))
                .then(delivered(PLEDGE_A, 400), new NeedFulfilled(NEED, 300, 400));
    }

    @Test
    void a_short_delivery_gives_what_did_not_arrive_back_to_outstanding() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 200), reserved(PLEDGE_B, 300))
                .when(new RecordDelivery(NEED, PLEDGE_B, 250))
                .then(delivered(PLEDGE_B, 250), released(PLEDGE_B, 50));

        assertThat(need.reserved()).isEqualTo(450);
        assertThat(need.delivered()).isEqualTo(250);
        assertThat(need.outstanding()).isEqualTo(50);
        assertThat(need.status()).isEqualTo(NeedStatus.OPEN);
    }

    @Test
    void a_delivery_of_nothing_gives_the_whole_pledge_back_and_counts_once() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 200))
                .when(new RecordDelivery(NEED, PLEDGE_A, 0))
                .then(delivered(PLEDGE_A, 0), released(PLEDGE_A, 200));

        assertThat(need.reserved()).isZero();
        needs().given(posted(500), reserved(PLEDGE_A, 200), delivered(PLEDGE_A, 0), released(PLEDGE_A, 200))
                .when(new RecordDelivery(NEED, PLEDGE_A, 0))
                .thenNothing();
    }

    @Test
    void a_delivery_larger_than_the_pledge_reserved_is_rejected() {
        var rejected = needs().given(posted(500), reserved(PLEDGE_A, 200))
                .when(new RecordDelivery(NEED, PLEDGE_A, 201))
                .thenRejected("reserved 200");
        assertThat(rejected.code()).isEqualTo(Needs.DELIVERY_EXCEEDS_RESERVATION);
    }

    @Test
    void a_delivery_for_a_pledge_holding_no_reservation_is_rejected() {
        var rejected = needs().given(posted(500))
                .when(new RecordDelivery(NEED, PLEDGE_C, 10))
                .thenRejected("holds no reservation");
        assertThat(rejected.code()).isEqualTo(Needs.PLEDGE_NOT_RESERVED);
    }

    @Test
    void the_same_delivery_recorded_twice_counts_once() {
        needs().given(posted(500), reserved(PLEDGE_A, 200), delivered(PLEDGE_A, 200))
                .when(new RecordDelivery(NEED, PLEDGE_A, 200))
                .thenNothing();
    }

    @Test
    void a_delivered_pledge_cannot_be_released() {
        var rejected = needs().given(posted(500), reserved(PLEDGE_A, 200), delivered(PLEDGE_A, 200))
                .when(new ReleaseReservation(NEED, PLEDGE_A))
                .thenRejected("was delivered");
        assertThat(rejected.code()).isEqualTo(Needs.PLEDGE_DELIVERED);
    }

    @Test
    void a_cancelled_need_keeps_counting_while_donations_releases_its_pledges() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 200), new NeedCancelled(NEED, 200))
                .when(new ReleaseReservation(NEED, PLEDGE_A))
                .then(released(PLEDGE_A, 200));

        assertThat(need.reserved()).isZero();
        assertThat(need.status()).isEqualTo(NeedStatus.CANCELLED);
    }

    @Test
    void a_reservation_that_raced_a_cancellation_is_recorded_without_reviving_the_need() {
        Need need = needs().given(posted(300), new NeedCancelled(NEED, 0))
                .when(new RecordReservation(NEED, PLEDGE_A, 300))
                .then(reserved(PLEDGE_A, 300));

        assertThat(need.status()).isEqualTo(NeedStatus.CANCELLED);
    }
}
