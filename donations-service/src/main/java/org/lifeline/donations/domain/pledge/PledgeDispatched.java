package org.lifeline.donations.domain.pledge;

import java.util.UUID;

/** The goods are on their way; {@code carrier} and {@code trackingRef} may be absent. */
public record PledgeDispatched(UUID pledgeId, UUID needId, String carrier, String trackingRef) implements PledgeEvent {
}
