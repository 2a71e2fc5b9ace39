package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** A coordinator closes the need as met (FULFILLED) or no longer wanted (CANCELLED). */
public record CloseNeed(UUID needId, CloseReason reason) implements NeedCommand {
}
