package org.lifeline.donations.projection;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.contracts.IntegrationEvents;
import org.lifeline.contracts.Topics;
import org.lifeline.contracts.need.NeedCancelled;
import org.lifeline.contracts.need.NeedClosed;
import org.lifeline.contracts.need.NeedDeadlineChanged;
import org.lifeline.contracts.need.NeedExpired;
import org.lifeline.contracts.need.NeedFulfilled;
import org.lifeline.contracts.need.NeedOverSubscribed;
import org.lifeline.contracts.need.NeedPosted;
import org.lifeline.contracts.need.NeedQuantityRevised;
import org.lifeline.contracts.need.NeedReprioritized;
import org.lifeline.donations.application.PledgeCommandHandler;
import org.lifeline.donations.domain.need.NeedStatus;
import org.lifeline.donations.domain.pledge.CancelledBy;
import org.lifeline.donations.offer.OfferMatcher;
import org.lifeline.kernel.consumer.IncomingEvent;
import org.lifeline.kernel.consumer.PoisonEvent;
import org.lifeline.kernel.consumer.Projection;
import org.lifeline.support.eventsourcing.Correlation;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The local view of needs ({@code need_capacity}) from {@code lifeline.campaigns.v1}, so that
 * pledging never asks campaigns-service. A need that closes, is cancelled or expires also releases
 * its active pledges here, in the same transaction that records the event as applied, so a
 * redelivered event changes nothing. A need revised below what is reserved keeps its new request
 * and its pledges: the coordinator decides which to cancel.
 *
 * <p>After each need event commits, the offer matcher ranks the need as it now stands (posted,
 * revised, closed: {@link OfferMatcher#refresh(UUID)}), so a new need is in its matches within
 * milliseconds rather than at the next rebuild of its index; before that, commands that arrived
 * before the need did and wait for it ({@link Arrivals}) are woken.
 */
@ApplicationScoped
public class NeedCapacityProjection implements Projection {

    public static final String NAME = "donations-need-capacity";

    /** How long the projection's thread waits for the matcher to read a changed need again. */
    private static final Duration MATCHER_REFRESH = Duration.ofSeconds(5);

    private final NeedCapacityReadModel needs;
    private final PledgeCommandHandler handler;
    private final OfferMatcher matcher;
    private final Clock clock;
    private final Arrivals arrivals;
    /** The need of the event being applied; the projection runner applies one event at a time, on one thread. */
    private volatile UUID changedNeed;

    public NeedCapacityProjection(NeedCapacityReadModel needs, PledgeCommandHandler handler, OfferMatcher matcher,
                                  Clock clock, Arrivals arrivals) {
        this.needs = needs;
        this.handler = handler;
        this.matcher = matcher;
        this.clock = clock;
        this.arrivals = arrivals;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.CAMPAIGNS);
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, IncomingEvent event) {
        Optional<Object> read;
        try {
            // Campaign events and types this version has no contract for are read as empty and skipped.
            read = IntegrationEvents.read(event.type(), event.data());
        } catch (UncheckedIOException e) {
            throw new PoisonEvent("unreadable " + event.type() + ": " + e.getMessage(), e);
        }
        if (read.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant at = event.time();
        changedNeed = null;
        return switch (read.get()) {
            case NeedPosted e -> changed(e.needId(), needs.insert(tx, new NeedCapacityReadModel.PostedNeed(
                    e.needId(), e.campaignId(), e.organisationId(), e.sector().name(), e.item(), e.unit(),
                    e.quantity(), e.urgency().name(), e.site().name(), e.site().lat(), e.site().lon(),
                    e.site().privacy().name(), e.neededBy(), e.postedAt()), at));
            case NeedQuantityRevised e -> changed(e.needId(), needs.setRequested(tx, e.needId(), e.to(), at));
            case NeedOverSubscribed e -> {
                Log.infof("need %s is over-subscribed (%d reserved of %d requested); its coordinator chooses"
                        + " which pledges to cancel", e.needId(), e.reserved(), e.requested());
                yield changed(e.needId(), needs.setRequested(tx, e.needId(), e.requested(), at));
            }
            case NeedReprioritized e -> changed(e.needId(), needs.setUrgency(tx, e.needId(), e.to().name(), at));
            case NeedDeadlineChanged e -> changed(e.needId(), needs.setNeededBy(tx, e.needId(), e.to(), at));
            case NeedFulfilled e -> changed(e.needId(), needs.setStatus(tx, e.needId(), NeedStatus.FULFILLED, at));
            case NeedClosed e -> changed(e.needId(),
                    close(tx, event, e.needId(), NeedStatus.CLOSED, CancelledBy.NEED_CLOSED));
            case NeedCancelled e -> changed(e.needId(),
                    close(tx, event, e.needId(), NeedStatus.CANCELLED, CancelledBy.NEED_CANCELLED));
            case NeedExpired e -> changed(e.needId(),
                    close(tx, event, e.needId(), NeedStatus.EXPIRED, CancelledBy.NEED_EXPIRED));
            default -> Uni.createFrom().voidItem();
        };
    }

    /** Remembers the need the event changes, for {@link #afterCommit()}. */
    private Uni<Void> changed(UUID needId, Uni<Void> write) {
        changedNeed = needId;
        return write;
    }

    /**
     * The need is over: the row is moved first (which holds it until commit, so no pledge can be
     * reserved meanwhile), then its active pledges are released.
     */
    private Uni<Void> close(SqlConnection tx, IncomingEvent event, UUID needId, NeedStatus status, CancelledBy by) {
        Instant now = clock.instant();
        return needs.setStatus(tx, needId, status, event.time())
                .call(() -> handler.releaseNeed(tx, needId, by,
                        Correlation.forReaction(handler.system(), event.id(), event.correlationId(), now)));
    }

    /** Runs on the projection runner's thread once the event's transaction committed; it may wait there. */
    @Override
    public void afterCommit() {
        UUID needId = changedNeed;
        changedNeed = null;
        if (needId != null) {
            // First the commands waiting for a need just posted (they would otherwise wait for the matcher too).
            arrivals.arrived(needId);
            // A slow read only delays the index (the next rebuild catches up), never the view of needs.
            matcher.refresh(needId).ifNoItem().after(MATCHER_REFRESH)
                    .recoverWithUni(() -> Uni.createFrom().voidItem()).await().indefinitely();
        }
    }

    /**
     * Empties the view before a replay. The ledger and the pledges stay: they are the source of
     * truth, and NeedPosted takes what a ledger holds from them again.
     */
    @Override
    public Uni<Void> reset(SqlConnection tx) {
        return needs.clear(tx);
    }
}
