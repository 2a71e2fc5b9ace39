package org.lifeline.donations.offer;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.donations.domain.offer.MatchScore.OfferProfile;
import org.lifeline.donations.domain.offer.NeedCandidate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The matcher: ranks open needs for an offer from an in-memory {@link NeedIndex}, rebuilt from
 * {@link OpenNeeds} on a timer ({@code lifeline.offers.index-refresh}) and on first use. Whoever learns
 * of a need's change first may push it ({@link #needChanged}, {@link #needGone}) so rankings follow at
 * once; the rebuild catches up with anything missed. Each instance keeps its own index.
 */
@ApplicationScoped
public class OfferMatcher {

    private final OpenNeeds openNeeds;
    private final NeedIndex index;
    private volatile boolean loaded;

    public OfferMatcher(OpenNeeds openNeeds, OffersConfig config) {
        this.openNeeds = openNeeds;
        this.index = new NeedIndex(config.cellDegrees());
    }

    /** The best {@code limit} needs for the offer, best first; loads the index first if it never was. */
    public Uni<List<RankedNeed>> rank(OfferProfile offer, Instant now, int limit) {
        Uni<Integer> ready = loaded ? Uni.createFrom().item(index.size()) : refresh();
        return ready.map(ignored -> index.rank(offer, now, limit));
    }

    /** Rebuilds the index from the open needs; answers how many it holds. */
    public Uni<Integer> refresh() {
        return openNeeds.all().map(needs -> {
            index.replaceAll(needs);
            loaded = true;
            return index.size();
        });
    }

    /** A need was posted or changed (outstanding, urgency, deadline): ranked as it is now. */
    public void needChanged(NeedCandidate need) {
        index.put(need);
    }

    /** A need closed, expired, was cancelled or is fully pledged. */
    public void needGone(UUID needId) {
        index.remove(needId);
    }

    @Scheduled(identity = "offer-matcher-refresh", every = "${lifeline.offers.index-refresh:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return refresh()
                .onFailure().invoke(failure -> Log.warnf("matcher index not refreshed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
