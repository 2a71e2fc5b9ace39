package org.lifeline.donations.offer;

import org.lifeline.donations.domain.offer.Urgency;

import java.util.UUID;

/** One need proposed for an offer: {@code distanceKm} to 0.1 km, {@code score} in [0, 1] to four decimals. */
public record MatchView(UUID needId, String item, int outstanding, Urgency urgency, double distanceKm,
                        double score) {

    static MatchView of(RankedNeed ranked) {
        return new MatchView(ranked.need().needId(), ranked.need().item(), ranked.need().outstanding(),
                ranked.need().urgency(), roundKm(ranked.distanceKm()), roundScore(ranked.score()));
    }

    static double roundKm(double km) {
        return Math.round(km * 10) / 10.0;
    }

    static double roundScore(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
