package org.lifeline.feed.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/**
 * A subscription as its deliverer holds it: where to, signed with what, which types, how far it got
 * ({@code position}), in which generation (a redelivery starts a new one), and the attempts already made at the event
 * it is retrying ({@code retrying}, null when none), by this instance or one before it.
 */
record Subscription(UUID id, URI url, String secret, EventTypes eventTypes, long position, long generation,
                    Retrying retrying) {

    /** Attempts made at the event at {@code position}, and how long until the next one is due (zero: now). */
    record Retrying(long position, int attempts, Duration nextIn) {
    }

    /** The attempts already made at the event at {@code entryPosition}; none when the recorded ones are another's. */
    Retrying retryingAt(long entryPosition) {
        return retrying != null && retrying.position() == entryPosition
                ? retrying : new Retrying(entryPosition, 0, Duration.ZERO);
    }

    @Override
    public String toString() {
        return "Subscription[id=" + id + ", url=" + url + ", position=" + position + ", generation=" + generation + "]";
    }
}
