package org.lifeline.contracts.donation;

import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.Money;

import java.util.UUID;

/** Money given to a campaign; {@code donorId} and the optional {@code paymentRef} are personal data of the donor. */
public record DonationReceived(UUID donationId, UUID campaignId, UUID donorId, Money amount, String paymentRef) {
    public static final String TYPE = CloudEventTypes.of("donation", "DonationReceived", 1);
}
