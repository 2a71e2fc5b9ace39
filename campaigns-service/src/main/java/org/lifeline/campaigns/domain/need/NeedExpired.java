package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** The need lapsed; donations releases the {@code reserved} quantity still held for it. */
public record NeedExpired(UUID needId, ExpiryReason reason, int reserved) implements NeedEvent {
}
