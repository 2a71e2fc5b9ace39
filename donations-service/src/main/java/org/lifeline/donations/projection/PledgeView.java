package org.lifeline.donations.projection;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * A pledge as its donor and the need's coordinators read it. Never carries the donor's id: the
 * donor knows it, and coordinators see pledges, not people.
 *
 * @param version the pledge's own version (its ETag): how many ledger events are about it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PledgeView(UUID id, UUID needId, UUID campaignId, UUID offerId, int requested, int reserved,
                         String policy, String status, Instant holdExpiresAt, String method, Instant eta,
                         String carrier, String trackingRef, Integer quantityReceived, Integer released,
                         String cancelledBy, String cancelReason, String note, String deliveryNote, long version,
                         Instant createdAt, Instant updatedAt) {
}
