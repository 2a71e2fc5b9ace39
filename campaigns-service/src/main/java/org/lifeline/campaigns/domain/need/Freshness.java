package org.lifeline.campaigns.domain.need;

import java.time.Duration;
import java.util.Objects;

/** How long an unconfirmed need stays fresh before it is marked stale, and before it expires. */
public record Freshness(Duration staleAfter, Duration expireAfter) {

    /** The periods in the domain description: stale after 24 h, expired after 72 h. */
    public static final Freshness DEFAULT = new Freshness(Duration.ofHours(24), Duration.ofHours(72));

    public Freshness {
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(expireAfter, "expireAfter");
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, was " + staleAfter);
        }
        if (expireAfter.compareTo(staleAfter) <= 0) {
            throw new IllegalArgumentException("expireAfter (" + expireAfter + ") must be longer than staleAfter (" + staleAfter + ")");
        }
    }
}
