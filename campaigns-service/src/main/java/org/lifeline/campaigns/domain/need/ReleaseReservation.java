package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** Donations released a pledge's reservation (from PledgeCancelled, PledgeHoldExpired, PledgeNoShowMarked). */
public record ReleaseReservation(UUID needId, UUID pledgeId) implements NeedCommand {
}
