package org.lifeline.donations.domain.pledge;

import java.util.UUID;

/** The site received {@code quantityReceived}; the rest of the reservation ({@code released}) goes back to the need. */
public record PledgeDelivered(UUID pledgeId, UUID needId, int quantityReceived, int released) implements PledgeEvent {
}
