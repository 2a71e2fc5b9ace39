package org.lifeline.donations.domain.offer;

import java.time.Duration;
import java.time.Instant;

/**
 * How well a need suits an offer, as a pure function: a score in [0, 1], higher is better.
 *
 * <p>Only needs that fit are scored: the same sector and the same item (compared as
 * {@link ItemNames#normalise normalised} names), something outstanding, and, when the offer gives a
 * maximum distance, a site within it. The score of a fitting need is the weighted sum
 * <pre>
 *   0.35 · urgency      CRITICAL 1, HIGH 0.75, MEDIUM 0.5, LOW 0.25
 * + 0.30 · nearness     1 / (1 + d / 50 km)            d = great-circle distance (haversine):
 *                                                        1 on the spot, 0.71 at 20 km, 0.5 at 50 km, 0.26 at 140 km
 * + 0.15 · deadline     1 / (1 + h / 72 h)             h = hours until needed-by (0 when past), 0 without one:
 *                                                        a need due sooner ranks higher
 * + 0.15 · placeable    min(offered, outstanding) / offered: how much of the offer the need can take
 * + 0.05 · unit         1 when the units match (normalised), else 0
 * </pre>
 * Urgency weighs most, so a CRITICAL need a little further away beats a LOW one next door; between
 * needs otherwise equal, the nearer ranks first. Ties rank by distance, then by need id.
 */
public final class MatchScore {

    public static final double URGENCY_WEIGHT = 0.35;
    public static final double NEARNESS_WEIGHT = 0.30;
    public static final double DEADLINE_WEIGHT = 0.15;
    public static final double PLACEABLE_WEIGHT = 0.15;
    public static final double UNIT_WEIGHT = 0.05;
    /** The distance at which nearness is one half. */
    public static final double HALF_NEARNESS_KM = 50;
    /** The time to the deadline at which its term is one half. */
    public static final double HALF_DEADLINE_HOURS = 72;

    private MatchScore() {
    }

    /** What the offer is: its item key, unit, quantity to place, location and maximum distance (null: any). */
    public record OfferProfile(Sector sector, String itemKey, String unitKey, int quantity, Coordinates location,
                               Integer maxDistanceKm) {

        public static OfferProfile of(Offer offer) {
            return new OfferProfile(offer.sector(), ItemNames.normalise(offer.item()),
                    ItemNames.normalise(offer.unit()), offer.remaining(), offer.location(), offer.maxDistanceKm());
        }

        public boolean fits(NeedCandidate need) {
            return need.sector() == sector && ItemNames.normalise(need.item()).equals(itemKey);
        }

        public boolean withinReach(double distanceKm) {
            return maxDistanceKm == null || distanceKm <= maxDistanceKm;
        }
    }

    /** The score of a fitting need at {@code distanceKm} from the offer. */
    public static double score(OfferProfile offer, NeedCandidate need, double distanceKm, Instant now) {
        double placeable = offer.quantity() <= 0 ? 0
                : (double) Math.min(offer.quantity(), Math.max(0, need.outstanding())) / offer.quantity();
        boolean sameUnit = need.unit() != null && ItemNames.normalise(need.unit()).equals(offer.unitKey());
        return URGENCY_WEIGHT * need.urgency().weight()
                + NEARNESS_WEIGHT * nearness(distanceKm)
                + DEADLINE_WEIGHT * deadline(need.neededBy(), now)
                + PLACEABLE_WEIGHT * placeable
                + UNIT_WEIGHT * (sameUnit ? 1 : 0);
    }

    /**
     * The highest score any need could reach with at most {@code urgency}, a deadline no sooner than
     * {@code earliestNeededBy} (null: none) and at least {@code minDistanceKm} away: what the index prunes with.
     */
    public static double upperBound(Urgency urgency, Instant earliestNeededBy, double minDistanceKm, Instant now) {
        return URGENCY_WEIGHT * urgency.weight()
                + NEARNESS_WEIGHT * nearness(minDistanceKm)
                + DEADLINE_WEIGHT * deadline(earliestNeededBy, now)
                + PLACEABLE_WEIGHT
                + UNIT_WEIGHT;
    }

    /** 1 at the offer's location, falling with distance; never below 0. */
    public static double nearness(double distanceKm) {
        return 1 / (1 + Math.max(0, distanceKm) / HALF_NEARNESS_KM);
    }

    /** 1 when due now or overdue, 0.5 in three days, 0 without a deadline. */
    public static double deadline(Instant neededBy, Instant now) {
        if (neededBy == null) {
            return 0;
        }
        double hours = Math.max(0, Duration.between(now, neededBy).toSeconds() / 3600.0);
        return 1 / (1 + hours / HALF_DEADLINE_HOURS);
    }
}
