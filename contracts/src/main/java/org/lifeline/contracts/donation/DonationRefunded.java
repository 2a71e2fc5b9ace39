package org.lifeline.contracts.donation;

import org.lifeline.contracts.CloudEventTypes;
import org.lifeline.contracts.Money;

import java.util.UUID;

/** A donation was given back; its match (if any) returns to the pool as a MatchReversed. */
public record DonationRefunded(UUID donationId, UUID campaignId, Money amount) {
    public static final String TYPE = CloudEventTypes.of("donation", "DonationRefunded", 1);
}
