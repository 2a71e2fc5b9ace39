package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** Mirrors PledgeDelivered so the need keeps its delivered counter. */
public record NeedDeliveryRecorded(UUID needId, UUID pledgeId, int quantity) implements NeedEvent {
}
