package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** Mirrors a pledge's release (or the undelivered part of a delivered pledge) so the reserved counter falls. */
public record NeedReservationReleased(UUID needId, UUID pledgeId, int quantity) implements NeedEvent {
}
