package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/** Mirrors PledgeReserved so the need keeps its own reserved counter per pledge. */
public record NeedQuantityReserved(UUID needId, UUID pledgeId, int quantity) implements NeedEvent {
}
