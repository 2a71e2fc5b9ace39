package org.lifeline.gateway.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code lifeline.gateway.sign-in.*}: the throttle of failed sign-ins per email, shared by every gateway replica
 * through the database. After {@link #freeFailures()} failures in a row, each further attempt must wait
 * {@link #firstDelay()}, then twice as long after each further failure, up to {@link #maxDelay()}; a success
 * starts again from nothing.
 */
@ConfigMapping(prefix = "lifeline.gateway.sign-in")
public interface SignInConfig {

    @WithDefault("true")
    boolean throttled();

    /** Failed sign-ins of an email that cost no wait. */
    @WithDefault("5")
    int freeFailures();

    /** The wait after the first failure past the free ones. */
    @WithDefault("1s")
    Duration firstDelay();

    /** The longest wait, however many failures. */
    @WithDefault("15m")
    Duration maxDelay();

    /** An email with no attempt for this long starts again from nothing (and its row is swept). */
    @WithDefault("24h")
    Duration forgetAfter();
}
