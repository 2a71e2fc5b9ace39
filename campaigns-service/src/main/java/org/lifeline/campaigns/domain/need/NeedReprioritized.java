package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** The urgency changed. */
public record NeedReprioritized(UUID needId, Urgency from, Urgency to) implements NeedEvent {
}
