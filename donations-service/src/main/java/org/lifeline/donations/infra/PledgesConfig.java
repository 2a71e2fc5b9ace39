package org.lifeline.donations.infra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The pledge ledger's settings, and the service's command attempts and wait for unknown needs and
 * campaigns, under {@code lifeline.donations.*}.
 */
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
     * How often a command that lost the race on a stream's version is decided again (every command of
     * the service: {@link CommandAttempts}). Each loss means another command on the same stream committed
     * meanwhile (a pledge or an accepted offer on a need's ledger, a donation on a match pool), so a
     * command loses at most once per concurrent writer: this bounds how many simultaneous commands on
     * one stream are all served without a 409 concurrent-change.
     */
    @WithDefault("100")
    int commandAttempts();

    /**
     * How long a command for a need or campaign this service has not heard of waits for it to arrive
     * from {@code lifeline.campaigns.v1} before it answers 404 (projection Arrivals): a client that
     * creates one in campaigns-service and pledges or donates right after can be faster than the
     * event, which normally takes tens of milliseconds. {@code 0s} answers at once.
     */
    @WithDefault("3s")
    Duration unknownWait();
}
