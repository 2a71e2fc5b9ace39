package org.lifeline.donations.offer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The matcher's settings, under {@code lifeline.offers.*}. */
@ConfigMapping(prefix = "lifeline.offers")
public interface OffersConfig {

    /**
     * How often the matcher's index is rebuilt from the open needs ({@code off}: never; read by
     * {@code @Scheduled}). Between rebuilds a need is read again whenever a change to it commits on this
     * instance, so this bounds how stale a ranking is for changes made on other instances (OfferMatcher).
     */
    @WithDefault("30s")
    String indexRefresh();

    /** The size of the index's grid cells, in degrees. */
    @WithDefault("0.5")
    double cellDegrees();

    /** How many proposals an offer's MatchProposed records when it is submitted. */
    @WithDefault("5")
    int proposals();
}
