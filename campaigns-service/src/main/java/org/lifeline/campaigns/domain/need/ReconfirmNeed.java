package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** A coordinator confirms the need still stands, which restarts its freshness clock. */
public record ReconfirmNeed(UUID needId) implements NeedCommand {
}
