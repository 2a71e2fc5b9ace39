package org.lifeline.donations.offer;

import org.lifeline.donations.domain.offer.NeedCandidate;

import java.util.Comparator;

/** A need the matcher proposes for an offer, with its score and distance from the offer. */
public record RankedNeed(NeedCandidate need, double score, double distanceKm) {

    /** Best first: higher score, then nearer, then by need id (so equal needs always rank the same way). */
    public static final Comparator<RankedNeed> BEST_FIRST = Comparator
            .comparingDouble(RankedNeed::score).reversed()
            .thenComparingDouble(RankedNeed::distanceKm)
            .thenComparing(ranked -> ranked.need().needId());
}
