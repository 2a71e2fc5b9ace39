package org.lifeline.campaigns.domain.need;

import java.time.Instant;
import java.util.UUID;

/** A coordinator confirmed the need still stands at {@code at}; it is fresh again. */
public record NeedReconfirmed(UUID needId, Instant at) implements NeedEvent {
}
