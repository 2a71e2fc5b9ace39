package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** A coordinator changes the requested quantity; below what is reserved it over-subscribes the need. */
public record ReviseQuantity(UUID needId, int quantity) implements NeedCommand {
}
