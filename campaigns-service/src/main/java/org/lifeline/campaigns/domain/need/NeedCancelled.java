package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** The coordinator cancelled the need; donations releases the {@code reserved} quantity still held for it. */
public record NeedCancelled(UUID needId, int reserved) implements NeedEvent {
}
