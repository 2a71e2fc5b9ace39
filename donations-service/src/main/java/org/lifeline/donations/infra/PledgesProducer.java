package org.lifeline.donations.infra;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.lifeline.donations.domain.pledge.PledgeRules;
import org.lifeline.donations.domain.pledge.Pledges;

import java.time.Clock;
import java.time.Duration;

/** The pledge decider, with its clocks from configuration, and the service's clock. */
public class PledgesProducer {

    /** UTC, ticking in microseconds: what PostgreSQL keeps, so times read back exactly as written. */
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Produces
    @Singleton
    Pledges pledges(PledgesConfig config) {
        return new Pledges(new PledgeRules(config.pledgeHold(), config.noShowGrace()));
    }
}
