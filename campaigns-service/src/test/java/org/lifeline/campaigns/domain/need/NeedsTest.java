package org.lifeline.campaigns.domain.need;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.campaigns.domain.need.NeedFixtures.*;

/** Coordinators post, revise, reconfirm and close needs. */
class NeedsTest {

    // --- posting

    @Test
    void posting_a_need_opens_it_with_nothing_reserved_and_fresh() {
        Need need = needs().givenNothing()
                .when(postTents(500))
                .then(posted(500));

        assertThat(need.status()).isEqualTo(NeedStatus.OPEN);
        assertThat(need.requested()).isEqualTo(500);
        assertThat(need.reserved()).isZero();
        assertThat(need.delivered()).isZero();
        assertThat(need.outstanding()).isEqualTo(500);
        assertThat(need.stale()).isFalse();
        assertThat(need.overSubscribed()).isFalse();
        assertThat(need.lastConfirmedAt()).isEqualTo(T0);
        assertThat(need.campaignId()).isEqualTo(CAMPAIGN);
        assertThat(need.organisationId()).isEqualTo(ORG);
    }

    @Test
    void posting_with_a_needed_by_date_keeps_it() {
        var neededBy = hoursAfterPosting(48);
        var post = new PostNeed(NEED, CAMPAIGN, ORG, Sector.SHL, "family tent", "piece", 500, Urgency.HIGH, SCHOOL, neededBy);

        Need need = needs().givenNothing().when(post).then(postedNeededBy(500, neededBy));

        assertThat(need.neededBy()).isEqualTo(neededBy);
    }

    @Test
    void a_need_cannot_be_posted_twice() {
        var rejected = needs().given(posted(500)).when(postTents(500)).thenRejected("already posted");
        assertThat(rejected.code()).isEqualTo(Needs.NEED_ALREADY_POSTED);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10_000_000})
    void a_need_may_ask_for_1_to_10_000_000(int quantity) {
        needs().givenNothing().when(postTents(quantity)).then(posted(quantity));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 10_000_001, Integer.MIN_VALUE})
    void a_need_outside_1_to_10_000_000_is_rejected(int quantity) {
        var rejected = needs().givenNothing().when(postTents(quantity)).thenRejected("quantity must be within 1..10000000");
        assertThat(rejected.code()).isEqualTo(Needs.QUANTITY_OUT_OF_RANGE);
    }

    @Test
    void a_need_without_item_or_unit_is_rejected() {
        var noItem = new PostNeed(NEED, CAMPAIGN, ORG, Sector.WSH, " ", "litre", 10, Urgency.LOW, SCHOOL, null);
        var noUnit = new PostNeed(NEED, CAMPAIGN, ORG, Sector.WSH, "drinking water", null, 10, Urgency.LOW, SCHOOL, null);

        assertThat(needs().givenNothing().when(noItem).thenRejected("item and a unit").code()).isEqualTo(Needs.INVALID_NEED);
        assertThat(needs().givenNothing().when(noUnit).thenRejected("item and a unit").code()).isEqualTo(Needs.INVALID_NEED);
    }

    @Test
    void a_need_cannot_be_needed_by_a_time_already_past() {
        var post = new PostNeed(NEED, CAMPAIGN, ORG, Sector.SHL, "family tent", "piece", 5, Urgency.HIGH, SCHOOL, T0);
        var rejected = needs().givenNothing().when(post).thenRejected("not in the future");
        assertThat(rejected.code()).isEqualTo(Needs.NEEDED_BY_IN_PAST);
    }

    @Test
    void a_need_never_posted_takes_no_other_command() {
        var rejected = needs().givenNothing().when(new ReviseQuantity(NEED, 10)).thenRejected("has not been posted");
        assertThat(rejected.code()).isEqualTo(Needs.NEED_NOT_FOUND);
    }

    // --- revising the quantity

    @Test
    void revising_quantity_up_raises_outstanding() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 200))
                .when(new ReviseQuantity(NEED, 800))
                .then(new NeedQuantityRevised(NEED, 500, 800));

        assertThat(need.requested()).isEqualTo(800);
        assertThat(need.outstanding()).isEqualTo(600);
        assertThat(need.status()).isEqualTo(NeedStatus.OPEN);
    }

    @Test
    void revising_quantity_up_reopens_a_fully_pledged_need() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 500))
                .when(new ReviseQuantity(NEED, 600))
                .then(new NeedQuantityRevised(NEED, 500, 600));

        assertThat(need.status()).isEqualTo(NeedStatus.OPEN);
        assertThat(need.outstanding()).isEqualTo(100);
    }

    @Test
    void revising_quantity_down_above_reserved_keeps_the_need_open() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 200))
                .when(new ReviseQuantity(NEED, 300))
                .then(new NeedQuantityRevised(NEED, 500, 300));

        assertThat(need.status()).isEqualTo(NeedStatus.OPEN);
        assertThat(need.outstanding()).isEqualTo(100);
    }

    @Test
    void revising_quantity_down_to_what_is_reserved_makes_the_need_fully_pledged() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 200))
                .when(new ReviseQuantity(NEED, 200))
                .then(new NeedQuantityRevised(NEED, 500, 200));

        assertThat(need.status()).isEqualTo(NeedStatus.FULLY_PLEDGED);
        assertThat(need.outstanding()).isZero();
        assertThat(need.overSubscribed()).isFalse();
    }

    @Test
    void revising_below_reserved_over_subscribes_the_need_and_drops_no_pledge() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 200), reserved(PLEDGE_B, 250))
                .when(new ReviseQuantity(NEED, 300))
                .then(new NeedQuantityRevised(NEED, 500, 300), new NeedOverSubscribed(NEED, 300, 450));

        assertThat(need.requested()).isEqualTo(300);
        assertThat(need.reserved()).isEqualTo(450);
        assertThat(need.outstanding()).isEqualTo(-150);
        assertThat(need.overSubscribed()).isTrue();
        assertThat(need.status()).isEqualTo(NeedStatus.FULLY_PLEDGED);
        assertThat(need.reservations()).containsOnlyKeys(PLEDGE_A, PLEDGE_B);
    }

    @Test
    void an_over_subscription_says_how_much_the_coordinator_has_to_release() {
        assertThat(new NeedOverSubscribed(NEED, 300, 450).excess()).isEqualTo(150);
    }

    @Test
    void releasing_a_pledge_brings_an_over_subscribed_need_back_within_its_request() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 200), reserved(PLEDGE_B, 250),
                        new NeedQuantityRevised(NEED, 500, 300), new NeedOverSubscribed(NEED, 300, 450))
                .when(new ReleaseReservation(NEED, PLEDGE_B))
                .then(released(PLEDGE_B, 250));

        assertThat(need.overSubscribed()).isFalse();
        assertThat(need.outstanding()).isEqualTo(100);
        assertThat(need.status()).isEqualTo(NeedStatus.OPEN);
    }

    @Test
    void revising_to_the_same_quantity_changes_nothing() {
        needs().given(posted(500)).when(new ReviseQuantity(NEED, 500)).thenNothing();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10_000_001})
    void a_revision_outside_1_to_10_000_000_is_rejected(int quantity) {
        var rejected = needs().given(posted(500)).when(new ReviseQuantity(NEED, quantity)).thenRejected("quantity must be within");
        assertThat(rejected.code()).isEqualTo(Needs.QUANTITY_OUT_OF_RANGE);
    }

    @Test
    void revising_down_to_what_was_already_delivered_fulfils_the_need() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 300), delivered(PLEDGE_A, 300))
                .when(new ReviseQuantity(NEED, 300))
                .then(new NeedQuantityRevised(NEED, 500, 300), new NeedFulfilled(NEED, 300, 300));

        assertThat(need.status()).isEqualTo(NeedStatus.FULFILLED);
    }

    // --- urgency and deadline

    @Test
    void reprioritising_changes_the_urgency() {
        Need need = needs().given(posted(500))
                .when(new Reprioritize(NEED, Urgency.CRITICAL))
                .then(new NeedReprioritized(NEED, Urgency.HIGH, Urgency.CRITICAL));

        assertThat(need.urgency()).isEqualTo(Urgency.CRITICAL);
    }

    @Test
    void reprioritising_to_the_same_urgency_changes_nothing() {
        needs().given(posted(500)).when(new Reprioritize(NEED, Urgency.HIGH)).thenNothing();
    }

    @Test
    void changing_the_deadline_moves_needed_by() {
        var later = hoursAfterPosting(96);
        Need need = needs().given(postedNeededBy(500, hoursAfterPosting(48)))
                .when(new ChangeDeadline(NEED, later))
                .then(new NeedDeadlineChanged(NEED, hoursAfterPosting(48), later));

        assertThat(need.neededBy()).isEqualTo(later);
    }

    @Test
    void a_deadline_can_be_removed() {
        Need need = needs().given(postedNeededBy(500, hoursAfterPosting(48)))
                .when(new ChangeDeadline(NEED, null))
                .then(new NeedDeadlineChanged(NEED, hoursAfterPosting(48), null));

        assertThat(need.neededBy()).isNull();
    }

    @Test
    void a_deadline_cannot_be_moved_into_the_past() {
        var rejected = needsAt(hoursAfterPosting(10)).given(postedNeededBy(500, hoursAfterPosting(48)))
                .when(new ChangeDeadline(NEED, hoursAfterPosting(9)))
                .thenRejected("not in the future");
        assertThat(rejected.code()).isEqualTo(Needs.NEEDED_BY_IN_PAST);
    }

    @Test
    void changing_to_the_same_deadline_changes_nothing() {
        needs().given(postedNeededBy(500, hoursAfterPosting(48)))
                .when(new ChangeDeadline(NEED, hoursAfterPosting(48)))
                .thenNothing();
    }

    // --- reconfirming

    @Test
    void reconfirming_clears_stale_and_restarts_the_freshness_clock() {
        var now = hoursAfterPosting(30);
        Need need = needsAt(now).given(posted(500), new NeedMarkedStale(NEED, T0))
                .when(new ReconfirmNeed(NEED))
                .then(new NeedReconfirmed(NEED, now));

        assertThat(need.stale()).isFalse();
        assertThat(need.lastConfirmedAt()).isEqualTo(now);
        assertThat(need.postedAt()).isEqualTo(T0);
    }

    @Test
    void a_fully_pledged_need_can_be_reconfirmed() {
        needsAt(hoursAfterPosting(5)).given(posted(500), reserved(PLEDGE_A, 500))
                .when(new ReconfirmNeed(NEED))
                .then(new NeedReconfirmed(NEED, hoursAfterPosting(5)));
    }

    // --- closing

    @Test
    void a_fulfilled_need_is_closed_as_fulfilled() {
        Need need = needs().given(posted(100), reserved(PLEDGE_A, 100), delivered(PLEDGE_A, 100), new NeedFulfilled(NEED, 100, 100))
                .when(new CloseNeed(NEED, CloseReason.FULFILLED))
                .then(new NeedClosed(NEED, 100, 100, 100));

        assertThat(need.status()).isEqualTo(NeedStatus.CLOSED);
    }

    @Test
    void closing_as_fulfilled_before_everything_arrived_is_the_coordinators_call_and_records_the_shortfall() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 300), reserved(PLEDGE_B, 100), delivered(PLEDGE_A, 300))
                .when(new CloseNeed(NEED, CloseReason.FULFILLED))
                .then(new NeedClosed(NEED, 500, 400, 300));

        assertThat(need.status()).isEqualTo(NeedStatus.CLOSED);
        assertThat(new NeedClosed(NEED, 500, 400, 300).shortfall()).isEqualTo(200);
    }

    @Test
    void cancelling_a_need_announces_the_reserved_quantity_for_donations_to_release() {
        Need need = needs().given(posted(500), reserved(PLEDGE_A, 300))
                .when(new CloseNeed(NEED, CloseReason.CANCELLED))
                .then(new NeedCancelled(NEED, 300));

        assertThat(need.status()).isEqualTo(NeedStatus.CANCELLED);
    }

    @Test
    void a_fulfilled_need_cannot_be_cancelled() {
        var rejected = needs().given(posted(100), reserved(PLEDGE_A, 100), delivered(PLEDGE_A, 100), new NeedFulfilled(NEED, 100, 100))
                .when(new CloseNeed(NEED, CloseReason.CANCELLED))
                .thenRejected("need is FULFILLED and cannot be closed as CANCELLED");
        assertThat(rejected.code()).isEqualTo(Needs.NEED_CLOSED);
    }

    @Test
    void closing_a_need_again_the_same_way_changes_nothing() {
        needs().given(posted(100), new NeedClosed(NEED, 100, 0, 0)).when(new CloseNeed(NEED, CloseReason.FULFILLED)).thenNothing();
        needs().given(posted(100), new NeedCancelled(NEED, 0)).when(new CloseNeed(NEED, CloseReason.CANCELLED)).thenNothing();
    }

    @Test
    void a_need_closed_one_way_cannot_be_closed_the_other() {
        needs().given(posted(100), new NeedClosed(NEED, 100, 0, 0)).when(new CloseNeed(NEED, CloseReason.CANCELLED))
                .thenRejected("need is CLOSED");
        needs().given(posted(100), new NeedCancelled(NEED, 0)).when(new CloseNeed(NEED, CloseReason.FULFILLED))
                .thenRejected("need is CANCELLED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FULFILLED", "CANCELLED"})
    void an_expired_need_cannot_be_closed(CloseReason reason) {
        needs().given(posted(100), new NeedExpired(NEED, ExpiryReason.UNCONFIRMED, 0))
                .when(new CloseNeed(NEED, reason))
                .thenRejected("need is EXPIRED");
    }

    // --- terminal states

    static Stream<Arguments> finishedNeedsAndRevisions() {
        List<NeedEvent[]> histories = List.of(
                new NeedEvent[] {posted(100), reserved(PLEDGE_A, 100), delivered(PLEDGE_A, 100), new NeedFulfilled(NEED, 100, 100)},
                new NeedEvent[] {posted(100), new NeedClosed(NEED, 100, 0, 0)},
                new NeedEvent[] {posted(100), new NeedCancelled(NEED, 0)},
                new NeedEvent[] {posted(100), new NeedExpired(NEED, ExpiryReason.PAST_NEEDED_BY, 0)});
        List<NeedCommand> revisions = List.of(
                new ReviseQuantity(NEED, 50),
                new Reprioritize(NEED, Urgency.LOW),
                new ChangeDeadline(NEED, hoursAfterPosting(100)),
                new ReconfirmNeed(NEED));
        return histories.stream().flatMap(history -> revisions.stream().map(revision -> Arguments.of(history, revision)));
    }

    @ParameterizedTest(name = "{1} after {0}")
    @MethodSource("finishedNeedsAndRevisions")
    void a_fulfilled_closed_cancelled_or_expired_need_takes_no_revision(NeedEvent[] history, NeedCommand revision) {
        var given = needs().given(history);
        var rejected = given.when(revision).thenRejected("need is " + given.state().status());
        assertThat(rejected.code()).isEqualTo(Needs.NEED_CLOSED);
    }
}
