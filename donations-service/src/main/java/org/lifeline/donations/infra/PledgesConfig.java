package org.lifeline.donations.infra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The pledge ledger's settings, under {@code lifeline.donations.*}. */
@ConfigMapping(prefix = "lifeline.donations")
public interface PledgesConfig {

    /** How long a reservation is held without a confirmation before it is released. */
    @WithDefault("48h")
    Duration pledgeHold();

    /** How long after its ETA a confirmed pledge may still be dispatched before it is a no-show. */
    @WithDefault("4h")
    Duration noShowGrace();

    /**
     * How often the timers look for lapsed holds and no-shows ({@code off} disables them; tests run
     * them by hand with a moved clock). Read by {@code @Scheduled} too.
     */
    @WithDefault("1m")
    String timerInterval();

    /**
     * How often a command on a ledger that lost the race on the ledger's version is decided again.
     * Each loss means another pledge of the same need was committed meanwhile, so a request loses at
     * most once per concurrent reservation: this bounds how many simultaneous pledges on one need are
     * all served without a 409 concurrent-change.
     */
    @WithDefault("100")
    int ledgerAttempts();
}
