package org.lifeline.campaigns.domain.need;

import java.time.Instant;
import java.util.UUID;

/** Nobody has reconfirmed the need since {@code lastConfirmedAt}; it is shown flagged. */
public record NeedMarkedStale(UUID needId, Instant lastConfirmedAt) implements NeedEvent {
}
