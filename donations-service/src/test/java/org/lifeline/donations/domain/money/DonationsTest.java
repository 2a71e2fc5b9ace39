package org.lifeline.donations.domain.money;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeline.donations.domain.money.DonationCommand.ReceiveDonation;
import org.lifeline.donations.domain.money.DonationCommand.RefundDonation;
import org.lifeline.donations.domain.money.DonationEvent.DonationReceived;
import org.lifeline.donations.domain.money.DonationEvent.DonationRefunded;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lifeline.donations.domain.money.MoneyFixtures.*;

/** Donations: recorded once in minor units of a real currency, refunded at most once. */
class DonationsTest {

    private static final UUID DONATION = donation(1);

    private static ReceiveDonation receive(Money amount) {
        return new ReceiveDonation(DONATION, CAMPAIGN, ALICE, amount, "wxpay-42");
    }

    private static DonationReceived received(Money amount) {
        return new DonationReceived(DONATION, CAMPAIGN, ALICE, amount, "wxpay-42");
    }

    @Test
    void a_donation_is_received_in_minor_units() {
        Donation donation = donations().givenNothing().when(receive(cny(200_00))).then(received(cny(200_00)));
        assertThat(donation.status()).isEqualTo(DonationStatus.RECEIVED);
        assertThat(donation.amount()).isEqualTo(cny(200_00));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CNY", "USD", "EUR", "JPY", "HKD"})
    void any_iso_4217_currency_will_do(String currency) {
        donations().givenNothing().when(receive(new Money(1, currency))).then(received(new Money(1, currency)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cny", "CN", "CNYY", "ABC", "XXX", "XAU", "12X", ""})
    void a_code_that_is_not_a_currency_is_rejected(String currency) {
        assertThat(donations().givenNothing().when(receive(new Money(100, currency))).thenRejected("ISO 4217").code())
                .isEqualTo("invalid-currency");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Donations.MAX_AMOUNT + 1})
    void the_amount_must_be_above_zero_and_within_bounds(long amount) {
        assertThat(donations().givenNothing().when(receive(cny(amount))).thenRejected("amount").code())
                .isEqualTo("invalid-amount");
    }

    @Test
    void a_donation_is_received_once() {
        assertThat(donations().given(received(cny(100))).when(receive(cny(100))).thenRejected("already received")
                .code()).isEqualTo("donation-exists");
    }

    @Test
    void a_refund_gives_back_the_whole_donation() {
        Donation donation = donations().given(received(cny(200_00)))
                .when(new RefundDonation(DONATION))
                .then(new DonationRefunded(DONATION, CAMPAIGN, cny(200_00)));
        assertThat(donation.status()).isEqualTo(DonationStatus.REFUNDED);
    }

    @Test
    void a_donation_is_refunded_once() {
        assertThat(donations().given(received(cny(100)), new DonationRefunded(DONATION, CAMPAIGN, cny(100)))
                .when(new RefundDonation(DONATION)).thenRejected("already refunded").code())
                .isEqualTo("donation-refunded");
    }

    @Test
    void an_unknown_donation_cannot_be_refunded() {
        assertThat(donations().givenNothing().when(new RefundDonation(DONATION)).thenRejected("no donation").code())
                .isEqualTo("unknown-donation");
    }
}
