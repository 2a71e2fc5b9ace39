package org.lifeline.campaigns.infra;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.lifeline.campaigns.domain.need.Freshness;
import org.lifeline.campaigns.domain.need.Needs;

import java.time.Clock;
import java.time.Duration;

/** The need decider, with its freshness periods from configuration and the service's clock. */
public class NeedsProducer {

    /** UTC, ticking in microseconds: what PostgreSQL keeps, so times read back exactly as written. */
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Produces
    @Singleton
    Needs needs(NeedsConfig config, Clock clock) {
        return new Needs(new Freshness(config.staleAfter(), config.expireAfter()), clock);
    }
}
