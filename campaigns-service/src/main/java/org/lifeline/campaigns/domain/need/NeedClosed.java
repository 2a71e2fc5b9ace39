package org.lifeline.campaigns.domain.need;

import java.util.UUID;

/**
 * The coordinator closed the need as met. {@code delivered} may be below {@code requested} (their
 * call: met from elsewhere, or enough); donations releases any {@code reserved} not yet delivered.
 */
public record NeedClosed(UUID needId, int requested, int reserved, int delivered) implements NeedEvent {

    /** What was asked for but never delivered through Lifeline. */
    public int shortfall() {
        return Math.max(0, requested - delivered);
    }
}
