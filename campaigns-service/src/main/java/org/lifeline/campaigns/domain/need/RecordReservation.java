package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** Donations reserved {@code quantity} for a pledge against this need (from PledgeReserved). */
public record RecordReservation(UUID needId, UUID pledgeId, int quantity) implements NeedCommand {
}
