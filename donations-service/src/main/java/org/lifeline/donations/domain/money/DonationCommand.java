package org.lifeline.donations.domain.money;

import java.util.UUID;

/** What can be asked of a donation. */
public sealed interface DonationCommand {

    /** A donor gives {@code amount} to a campaign; {@code paymentRef} is the payment processor's reference, if any. */
    record ReceiveDonation(UUID donationId, UUID campaignId, UUID donorId, Money amount, String paymentRef)
            implements DonationCommand { }

    /** The money goes back to the donor. */
    record RefundDonation(UUID donationId) implements DonationCommand { }
}
