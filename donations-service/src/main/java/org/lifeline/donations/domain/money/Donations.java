package org.lifeline.donations.domain.money;

import org.lifeline.donations.domain.money.DonationCommand.ReceiveDonation;
import org.lifeline.donations.domain.money.DonationCommand.RefundDonation;
import org.lifeline.donations.domain.money.DonationEvent.DonationReceived;
import org.lifeline.donations.domain.money.DonationEvent.DonationRefunded;
import org.lifeline.kernel.Decider;
import org.lifeline.kernel.Rejected;

import java.util.List;

/**
 * The donation decider. A donation is recorded once, in minor units of an ISO 4217 currency and above
 * zero, and refunded at most once. Its match is decided on the match pool's stream ({@link MatchPools}).
 */
public final class Donations implements Decider<DonationCommand, Donation, DonationEvent> {

    /** The largest donation accepted, in minor units (10 billion of a two-decimal currency): keeps matches in a long. */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    @Override
    public Donation initialState() {
        return Donation.NONE;
    }

    @Override
    public List<DonationEvent> decide(DonationCommand command, Donation donation) {
        return switch (command) {
            case ReceiveDonation c when donation.exists() ->
                    throw new Rejected("donation-exists", "donation " + c.donationId() + " was already received");
            case ReceiveDonation c -> {
                requireValid(c.amount());
                yield List.of(new DonationReceived(c.donationId(), c.campaignId(), c.donorId(), c.amount(),
                        c.paymentRef()));
            }
            case RefundDonation c when !donation.exists() ->
                    throw new Rejected("unknown-donation", "there is no donation " + c.donationId());
            case RefundDonation c when donation.status() == DonationStatus.REFUNDED ->
                    throw new Rejected("donation-refunded", "donation " + c.donationId() + " was already refunded");
            case RefundDonation c -> List.of(new DonationRefunded(donation.donationId(), donation.campaignId(),
                    donation.amount()));
        };
    }

    @Override
    public Donation evolve(Donation donation, DonationEvent event) {
        return switch (event) {
            case DonationReceived e -> new Donation(e.donationId(), e.campaignId(), e.donorId(), e.amount(),
                    e.paymentRef(), DonationStatus.RECEIVED);
            case DonationRefunded e -> new Donation(donation.donationId(), donation.campaignId(), donation.donorId(),
                    donation.amount(), donation.paymentRef(), DonationStatus.REFUNDED);
        };
    }

    /** A gift must be a positive amount, within bounds, of a currency that exists. */
    static void requireValid(Money amount) {
        if (!Money.isCurrencyCode(amount.currency())) {
            throw new Rejected("invalid-currency", "'" + amount.currency() + "' is not an ISO 4217 currency code");
        }
        if (amount.amount() <= 0) {
            throw new Rejected("invalid-amount", "the amount must be greater than 0 minor units");
        }
        if (amount.amount() > MAX_AMOUNT) {
            throw new Rejected("invalid-amount", "the amount must be at most " + MAX_AMOUNT + " minor units");
        }
    }
}
