package org.lifeline.donations.domain.pledge;

import java.util.UUID;

/** Not confirmed before its hold expired; the reservation ({@code released}) goes back to the need. */
public record PledgeHoldExpired(UUID pledgeId, UUID needId, int released) implements PledgeEvent {
}
