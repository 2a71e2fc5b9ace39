package org.lifeline.campaigns;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests (it replaces NeedsProducer's default clock): system time plus an
 * offset that a test moves forward to make hours pass, and resets when it ends.
 */
@Singleton
public class MovableClock extends Clock {

    private final Clock system = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    private volatile Duration offset = Duration.ZERO;

    /** Makes {@code time} pass at once. */
    public void move(Duration time) {
        offset = offset.plus(time);
    }

    /** Back to system time. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock stays in UTC");
    }
}
