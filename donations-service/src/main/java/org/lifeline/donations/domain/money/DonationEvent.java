package org.lifeline.donations.domain.money;

import java.util.UUID;

/**
 * What happened to a donation; one stream per donation (stream type {@code donation}, id = donation id).
 * Serialised by {@code ContractJson} they are the payloads of docs/events.md.
 */
public sealed interface DonationEvent {

    UUID donationId();

    /** Money given to a campaign; {@code donorId} and {@code paymentRef} are personal data of the donor. */
    record DonationReceived(UUID donationId, UUID campaignId, UUID donorId, Money amount, String paymentRef)
            implements DonationEvent { }

    /** The donation was given back; its match, if any, returns to its pool (MatchReversed on the pool's stream). */
    record DonationRefunded(UUID donationId, UUID campaignId, Money amount) implements DonationEvent { }
}
