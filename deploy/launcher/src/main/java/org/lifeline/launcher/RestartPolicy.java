package org.lifeline.launcher;

import java.time.Duration;

/**
 * When the launcher starts a crashed process again: after {@code firstDelay}, doubling with each crash in a row up
 * to {@code maxDelay}; a run that lasted {@code stableAfter} starts the count again; more than {@code maxCrashes}
 * crashes within {@code window} and it gives up.
 */
record RestartPolicy(Duration firstDelay, Duration maxDelay, Duration stableAfter, int maxCrashes, Duration window) {

    /** 1 s, 2 s, 4 s … 30 s; counted again after a minute up; gives up after more than 10 crashes in 10 minutes. */
    static final RestartPolicy DEFAULT = new RestartPolicy(
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1), 10, Duration.ofMinutes(10));

    /** The pause before restart attempt {@code attempt} (1 for the first crash in a row). */
    Duration delay(int attempt) {
        Duration delay = firstDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) < 0 ? delay : maxDelay;
    }
}
