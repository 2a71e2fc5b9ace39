package org.lifeline.feed.domain;

import java.time.Instant;
import java.util.UUID;
import org.lifeline.contracts.Money;

/** A matching fund as the public feed shows it; {@code status} is OPEN, EXHAUSTED or CLOSED. */
public record MatchPoolListing(UUID id, UUID campaignId, UUID organisationId, String sponsor, double ratio, Money pool,
                               Money perDonorCap, Money minGift, Instant endsAt, Money remaining, String status,
                               String closeReason, Instant updatedAt, long version) {
}
