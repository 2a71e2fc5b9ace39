package org.lifeline.donations.offer;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.donations.domain.offer.MatchScore.OfferProfile;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The matcher: ranks open needs for an offer from an in-memory {@link NeedIndex}, built from
 * {@link OpenNeeds} on first use and rebuilt every {@code lifeline.offers.index-refresh} (30 s).
 *
 * <p>Between rebuilds the index follows each need as it changes: once the transaction that changed a
 * need commits, its writer calls {@link #refresh(UUID)}, which reads that one need again (by key) and
 * puts it into the index or takes it out. The writers are the view of needs fed by the campaigns topic
 * (posted, revised, reprioritised, closed, …: NeedCapacityProjection) and the pledge ledger (what is
 * outstanding: PledgeCommandHandler and offer acceptance). How stale a ranking can be:
 * <ul>
 *   <li>a change committed on this instance: milliseconds (the need is read again right after commit);
 *   <li>a change committed on another instance of the service (a pledge it took, or a campaigns event
 *       its share of the projection's partitions delivered there): up to the rebuild interval.
 * </ul>
 * A rebuild reads every open need, so it could finish after, and overwrite, a need read again while it
 * ran: such needs are read again once more after the rebuild. Rankings decide nothing: an accepted
 * proposal is decided on the need's ledger.
 */
@ApplicationScoped
public class OfferMatcher {

    private final OpenNeeds openNeeds;
    private final NeedIndex index;
    /** Per running rebuild, the needs read again while it ran. */
    private final Set<Set<UUID>> rebuilds = ConcurrentHashMap.newKeySet();
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
        Set<UUID> changedMeanwhile = ConcurrentHashMap.newKeySet();
        rebuilds.add(changedMeanwhile);
        return openNeeds.all()
                .invoke(needs -> {
                    index.replaceAll(needs);
                    loaded = true;
                })
                .eventually(() -> rebuilds.remove(changedMeanwhile))
                .call(ignored -> Multi.createFrom().iterable(List.copyOf(changedMeanwhile))
                        .onItem().transformToUniAndConcatenate(this::refresh)
                        .collect().last())
                .map(ignored -> index.size());
    }

    /**
     * A change to the need has committed: ranks it as it is now (posted, revised, less or more
     * outstanding), or no more (closed, expired, cancelled, fully pledged). Never fails: the command
     * that changed the need has committed, and the next rebuild catches up with what this misses.
     */
    public Uni<Void> refresh(UUID needId) {
        return openNeeds.find(needId)
                .invoke(found -> {
                    // Told to running rebuilds before the index changes, so a rebuild that swaps in an older
                    // read after this put reads the need again.
                    rebuilds.forEach(changed -> changed.add(needId));
                    found.ifPresentOrElse(index::put, () -> index.remove(needId));
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("matcher index not refreshed for need %s: %s", needId, failure.toString());
                    return Uni.createFrom().voidItem();
                });
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
