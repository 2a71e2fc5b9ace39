package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** Everything requested has been delivered. */
public record NeedFulfilled(UUID needId, int requested, int delivered) implements NeedEvent {
}
