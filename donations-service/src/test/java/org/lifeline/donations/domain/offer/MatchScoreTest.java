package org.lifeline.donations.domain.offer;

import org.junit.jupiter.api.Test;
import org.lifeline.donations.domain.offer.MatchScore.OfferProfile;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The score of a need for an offer, term by term. */
class MatchScoreTest {

    private static final Instant NOW = Instant.parse("2026-11-21T08:30:00Z");
    private static final OfferProfile WATER = new OfferProfile(Sector.WSH, "bottled water", "case", 200,
            new Coordinates(30.66, 104.06), null);

    private static NeedCandidate need(Urgency urgency, int outstanding, String unit, Instant neededBy) {
        return new NeedCandidate(UUID.randomUUID(), UUID.randomUUID(), Sector.WSH, "Bottled water", unit, outstanding,
                urgency, new Coordinates(31.0, 104.0), neededBy);
    }

    @Test
    void a_critical_need_on_the_spot_that_takes_everything_by_now_scores_1() {
        assertThat(MatchScore.score(WATER, need(Urgency.CRITICAL, 500, "case", NOW), 0, NOW)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void each_term_weighs_as_documented() {
        NeedCandidate low = need(Urgency.LOW, 100, "pallet", null);
        // 0.35·0.25 + 0.30·(1/(1+50/50)) + 0 + 0.15·(100/200) + 0
        assertThat(MatchScore.score(WATER, low, 50, NOW)).isCloseTo(0.0875 + 0.15 + 0.075, within(1e-12));
        assertThat(MatchScore.nearness(20)).isCloseTo(0.714, within(0.001));
        assertThat(MatchScore.nearness(140)).isCloseTo(0.263, within(0.001));
        assertThat(MatchScore.deadline(NOW.plus(Duration.ofHours(72)), NOW)).isCloseTo(0.5, within(1e-12));
        assertThat(MatchScore.deadline(NOW.minus(Duration.ofHours(5)), NOW)).isEqualTo(1.0);
        assertThat(MatchScore.deadline(null, NOW)).isZero();
    }

    @Test
    void the_nearer_of_two_needs_otherwise_equal_scores_higher() {
        NeedCandidate need = need(Urgency.HIGH, 500, "case", null);
        assertThat(MatchScore.score(WATER, need, 20, NOW)).isGreaterThan(MatchScore.score(WATER, need, 140, NOW));
    }

    @Test
    void the_upper_bound_is_never_below_a_score() {
        Instant deadline = NOW.plus(Duration.ofDays(2));
        for (Urgency urgency : Urgency.values()) {
            NeedCandidate need = need(urgency, 500, "case", deadline);
            for (double km : new double[]{0, 1, 20, 140, 3000}) {
                assertThat(MatchScore.upperBound(urgency, deadline, km, NOW))
                        .isGreaterThanOrEqualTo(MatchScore.score(WATER, need, km, NOW));
            }
        }
    }
}
