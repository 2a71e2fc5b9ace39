package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** A coordinator changes how urgent the need is. */
public record Reprioritize(UUID needId, Urgency urgency) implements NeedCommand {
}
