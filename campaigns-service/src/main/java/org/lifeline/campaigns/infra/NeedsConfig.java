package org.lifeline.campaigns.infra;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** campaigns-service's own settings, under {@code lifeline.campaigns.*}. */
@ConfigMapping(prefix = "lifeline.campaigns")
public interface NeedsConfig {

    /** How long a need stays fresh without a reconfirmation before it is flagged stale. */
    @WithDefault("24h")
    Duration staleAfter();

    /** How long a need may go unconfirmed before it expires; longer than {@link #staleAfter()}. */
    @WithDefault("72h")
    Duration expireAfter();

    /** How often the freshness sweep looks for needs gone stale or expired (NeedFreshnessSweep). */
    @WithDefault("1m")
    Duration sweepEvery();
}
