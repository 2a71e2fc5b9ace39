package org.lifeline.campaigns.domain.need;

import java.time.Instant;
import java.util.UUID;

/** The freshness sweep asks, as of {@code now}, whether the need has gone stale or expired. */
public record CheckFreshness(UUID needId, Instant now) implements NeedCommand {
}
