package org.lifeline.donations.domain.offer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeline.donations.domain.offer.OfferCommand.AcceptOffer;
import org.lifeline.donations.domain.offer.OfferCommand.ProposeMatches;
import org.lifeline.donations.domain.offer.OfferCommand.SubmitOffer;
import org.lifeline.donations.domain.offer.OfferCommand.WithdrawOffer;
import org.lifeline.donations.domain.offer.OfferEvent.MatchProposed;
import org.lifeline.donations.domain.offer.OfferEvent.OfferAccepted;
import org.lifeline.donations.domain.offer.OfferEvent.OfferSubmitted;
import org.lifeline.donations.domain.offer.OfferEvent.OfferWithdrawn;
import org.lifeline.donations.domain.offer.OfferEvent.Proposal;
import org.lifeline.kernel.testing.DeciderSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Offers: submitted once, placed on needs a part at a time, until placed, expired or withdrawn. */
class OffersTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:30:00Z");
    private static final Instant UNTIL = T0.plus(Duration.ofDays(3));
    private static final UUID OFFER = UUID.fromString("9c1e5a37-8d2b-4f6e-a3c9-0b7d4e1f5a28");
    private static final UUID DONOR = UUID.fromString("2b6e8d14-3f7a-4c9e-b1d5-7a0f2e9c4b86");
    private static final UUID NEED = UUID.fromString("5e9b1d73-2c8f-4a05-9e6d-3b7c1a4f8d20");
    private static final UUID PLEDGE = UUID.fromString("7e2a9c4f-3b8d-4e16-a5f0-9c1d6b3e8a72");
    private static final Coordinates CHENGDU = new Coordinates(30.66, 104.06);

    private static DeciderSpec<OfferCommand, Offer, OfferEvent> offers() {
        return DeciderSpec.of(new Offers());
    }

    private static SubmitOffer submit(int quantity, Instant availableUntil, Integer maxDistanceKm) {
        return new SubmitOffer(OFFER, DONOR, Sector.WSH, " Bottled water ", "case", quantity, CHENGDU, availableUntil,
                maxDistanceKm, T0);
    }

    private static OfferSubmitted submitted(int quantity) {
        return new OfferSubmitted(OFFER, DONOR, Sector.WSH, "Bottled water", "case", quantity, CHENGDU, UNTIL, 150);
    }

    private static AcceptOffer accept(int quantity, Instant at) {
        return new AcceptOffer(NEED, PLEDGE, quantity, at);
    }

    @Test
    void a_donor_submits_an_offer() {
        Offer offer = offers().givenNothing().when(submit(200, UNTIL, 150)).then(submitted(200));
        assertThat(offer.status(T0)).isEqualTo(OfferStatus.OPEN);
        assertThat(offer.remaining()).isEqualTo(200);
    }

    @Test
    void an_offer_may_leave_out_when_and_how_far() {
        offers().givenNothing().when(submit(5, null, null))
                .then(new OfferSubmitted(OFFER, DONOR, Sector.WSH, "Bottled water", "case", 5, CHENGDU, null, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3, 10_000_001})
    void the_quantity_is_1_to_10_000_000(int quantity) {
        assertThat(offers().givenNothing().when(submit(quantity, UNTIL, 150)).thenRejected("quantity").code())
                .isEqualTo("invalid-quantity");
    }

    @Test
    void an_offer_must_be_available_in_the_future() {
        assertThat(offers().givenNothing().when(submit(5, T0, 150)).thenRejected("future").code())
                .isEqualTo("available-until-in-past");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 20_001})
    void the_maximum_distance_is_1_to_20_000_km(int km) {
        assertThat(offers().givenNothing().when(submit(5, UNTIL, km)).thenRejected("maximum distance").code())
                .isEqualTo("invalid-max-distance");
    }

    @Test
    void an_offer_needs_an_item_a_unit_and_a_place() {
        var noItem = new SubmitOffer(OFFER, DONOR, Sector.WSH, " ", "case", 5, CHENGDU, null, null, T0);
        var nowhere = new SubmitOffer(OFFER, DONOR, Sector.WSH, "water", "case", 5, new Coordinates(91, 0), null, null,
                T0);
        assertThat(offers().givenNothing().when(noItem).thenRejected("item").code()).isEqualTo("invalid-item");
        assertThat(offers().givenNothing().when(nowhere).thenRejected("location").code()).isEqualTo("invalid-location");
    }

    @Test
    void an_offer_is_submitted_once() {
        assertThat(offers().given(submitted(200)).when(submit(200, UNTIL, 150)).thenRejected("already").code())
                .isEqualTo("offer-exists");
    }

    @Test
    void the_matcher_proposals_are_recorded_while_the_offer_is_open() {
        var proposals = List.of(new Proposal(NEED, 0.92, 78.4));
        offers().given(submitted(200)).when(new ProposeMatches(proposals, T0))
                .then(new MatchProposed(OFFER, proposals));
        offers().given(submitted(200)).when(new ProposeMatches(List.of(), T0)).thenNothing();
        offers().given(submitted(200), new OfferWithdrawn(OFFER)).when(new ProposeMatches(proposals, T0)).thenNothing();
    }

    @Test
    void accepting_places_part_of_the_offer_and_then_the_rest() {
        Offer offer = offers().given(submitted(200)).when(accept(120, T0))
                .then(new OfferAccepted(OFFER, NEED, PLEDGE, 120));
        assertThat(offer.remaining()).isEqualTo(80);
        assertThat(offer.status(T0)).isEqualTo(OfferStatus.OPEN);

        UUID second = UUID.randomUUID();
        Offer placed = offers().given(submitted(200), new OfferAccepted(OFFER, NEED, PLEDGE, 120))
                .when(new AcceptOffer(NEED, second, 80, T0))
                .then(new OfferAccepted(OFFER, NEED, second, 80));
        assertThat(placed.status(T0)).isEqualTo(OfferStatus.PLACED);
    }

    @Test
    void no_more_can_be_placed_than_is_left() {
        assertThat(offers().given(submitted(200), new OfferAccepted(OFFER, NEED, PLEDGE, 150))
                .when(accept(51, T0)).thenRejected("only 50 case").code()).isEqualTo("offer-quantity-exceeded");
    }

    @Test
    void a_placed_offer_takes_no_more_acceptances() {
        assertThat(offers().given(submitted(200), new OfferAccepted(OFFER, NEED, PLEDGE, 200))
                .when(accept(1, T0)).thenRejected("already pledged").code()).isEqualTo("offer-placed");
    }

    @Test
    void an_expired_offer_cannot_be_accepted() {
        assertThat(offers().given(submitted(200)).when(accept(10, UNTIL)).thenRejected("available until").code())
                .isEqualTo("offer-expired");
        offers().given(submitted(200)).when(accept(10, UNTIL.minusMillis(1)))
                .then(new OfferAccepted(OFFER, NEED, PLEDGE, 10));
    }

    @Test
    void a_withdrawn_offer_cannot_be_accepted() {
        assertThat(offers().given(submitted(200), new OfferWithdrawn(OFFER)).when(accept(10, T0))
                .thenRejected("withdrawn").code()).isEqualTo("offer-withdrawn");
    }

    @Test
    void a_withdrawal_is_recorded_once() {
        Offer offer = offers().given(submitted(200)).when(new WithdrawOffer()).then(new OfferWithdrawn(OFFER));
        assertThat(offer.status(T0)).isEqualTo(OfferStatus.WITHDRAWN);
        offers().given(submitted(200), new OfferWithdrawn(OFFER)).when(new WithdrawOffer()).thenNothing();
    }

    @Test
    void an_unknown_offer_takes_no_command() {
        assertThat(offers().givenNothing().when(accept(1, T0)).thenRejected("no such offer").code())
                .isEqualTo("unknown-offer");
        assertThat(offers().givenNothing().when(new WithdrawOffer()).thenRejected("no such offer").code())
                .isEqualTo("unknown-offer");
    }
}
