package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** The requested quantity changed; no pledge is dropped by it. */
public record NeedQuantityRevised(UUID needId, int from, int to) implements NeedEvent {
}
