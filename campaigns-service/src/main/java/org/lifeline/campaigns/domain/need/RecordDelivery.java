package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** The site received {@code quantity} of a pledge (from PledgeDelivered). */
public record RecordDelivery(UUID needId, UUID pledgeId, int quantity) implements NeedCommand {
}
