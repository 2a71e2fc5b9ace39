package org.lifeline.campaigns.domain.need;

import java.time.Instant;
import java.util.UUID;

/** The needed-by date changed; null means no deadline. */
public record NeedDeadlineChanged(UUID needId, Instant from, Instant to) implements NeedEvent {
}
