package org.lifeline.donations.offer;

import org.lifeline.donations.domain.offer.Geo;
import org.lifeline.donations.domain.offer.ItemNames;
import org.lifeline.donations.domain.offer.MatchScore;
import org.lifeline.donations.domain.offer.MatchScore.OfferProfile;
import org.lifeline.donations.domain.offer.NeedCandidate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Ranks by scoring every need, one after the other: the reference that {@link NeedIndex} must agree with
 * (NeedIndexTest) and the baseline it is measured against (bench/matcher-bench.sh). Item keys are
 * normalised once, up front, so the scan pays only for the comparisons and the scoring.
 */
public final class ScanRanker {

    private final NeedCandidate[] needs;
    private final String[] itemKeys;

    public ScanRanker(Collection<NeedCandidate> needs) {
        this.needs = needs.toArray(NeedCandidate[]::new);
        this.itemKeys = new String[this.needs.length];
        for (int i = 0; i < this.needs.length; i++) {
            itemKeys[i] = ItemNames.normalise(this.needs[i].item());
        }
    }

    public List<RankedNeed> rank(OfferProfile offer, Instant now, int limit) {
        PriorityQueue<RankedNeed> best = new PriorityQueue<>(limit + 1, RankedNeed.BEST_FIRST.reversed());
        for (int i = 0; i < needs.length; i++) {
            NeedCandidate need = needs[i];
            if (need.sector() != offer.sector() || need.outstanding() <= 0 || !itemKeys[i].equals(offer.itemKey())) {
                continue;
            }
            double distance = Geo.distanceKm(offer.location(), need.site());
            if (!offer.withinReach(distance)) {
                continue;
            }
            NeedIndex.offer(best, new RankedNeed(need, MatchScore.score(offer, need, distance, now), distance), limit);
        }
        List<RankedNeed> ranked = new ArrayList<>(best);
        ranked.sort(RankedNeed.BEST_FIRST);
        return ranked;
    }
}
