package org.lifeline.donations.domain.pledge;

import java.time.Instant;
import java.util.UUID;

/** Not dispatched by its ETA plus grace; the reservation ({@code released}) goes back to the need. */
public record PledgeNoShowMarked(UUID pledgeId, UUID needId, int released, Instant eta) implements PledgeEvent {
}
