package org.lifeline.feed.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A pledge as partners may see it: how much of which need, and how far it got. Never its donor, offer or
 * shipment details. {@code campaignId} is null for a rejected pledge attempt (its event does not say).
 */
public record PledgeListing(UUID id, UUID needId, UUID campaignId, int requested, int reserved, String policy,
                            String status, String method, Instant eta, Instant holdExpiresAt, Integer quantityReceived,
                            Integer released, String cancelledBy, String rejectionReason, Instant updatedAt) {
}
