package org.lifeline.donations.money;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.lifeline.donations.domain.money.Money;

import java.time.Instant;
import java.util.UUID;

/**
 * A donation as its donor and the campaign's coordinators see it: the gift, the match it unlocked (0 when
 * none) and from which pool. {@code paymentRef} is the donor's; the donor's id is never shown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DonationView(UUID id, UUID campaignId, Money amount, Money matched, UUID matchPoolId, String status,
                           String paymentRef, Instant receivedAt, Instant updatedAt, long version) {
}
