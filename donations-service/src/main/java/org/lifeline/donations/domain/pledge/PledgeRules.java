package org.lifeline.donations.domain.pledge;

import java.time.Duration;
import java.util.Objects;

/**
 * The ledger's clocks.
 *
 * @param hold        how long a reservation is held without a confirmation (48 h by default)
 * @param noShowGrace how long after its ETA a confirmed pledge may still be dispatched (4 h by default)
 */
public record PledgeRules(Duration hold, Duration noShowGrace) {

    public PledgeRules {
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(noShowGrace, "noShowGrace");
        if (hold.isNegative() || hold.isZero() || noShowGrace.isNegative()) {
            throw new IllegalArgumentException("the hold must be positive and the grace not negative");
        }
    }
}
