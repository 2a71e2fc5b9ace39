package org.lifeline.donations.domain.money;

import java.util.UUID;

/** A donation as its events made it. */
public record Donation(UUID donationId, UUID campaignId, UUID donorId, Money amount, String paymentRef,
                       DonationStatus status) {

    public static final Donation NONE = new Donation(null, null, null, null, null, DonationStatus.NONE);

    public boolean exists() {
        return status != DonationStatus.NONE;
    }
}
