package org.lifeline.campaigns.domain.need;

import java.time.Instant;
import java.util.UUID;

/** A coordinator moves the needed-by date; null removes the deadline. */
public record ChangeDeadline(UUID needId, Instant neededBy) implements NeedCommand {
}
