package org.lifeline.donations.offer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.contracts.ContractJson;
import org.lifeline.donations.application.Actor;
import org.lifeline.donations.application.Commands;
import org.lifeline.donations.domain.offer.Geo;
import org.lifeline.donations.domain.offer.MatchScore.OfferProfile;
import org.lifeline.donations.domain.offer.NeedCandidate;
import org.lifeline.donations.domain.offer.Offer;
import org.lifeline.donations.domain.offer.OfferCommand.AcceptOffer;
import org.lifeline.donations.domain.offer.OfferCommand.ProposeMatches;
import org.lifeline.donations.domain.offer.OfferCommand.SubmitOffer;
import org.lifeline.donations.domain.offer.OfferCommand.WithdrawOffer;
import org.lifeline.donations.domain.offer.OfferEvent;
import org.lifeline.donations.domain.offer.OfferStatus;
import org.lifeline.donations.domain.offer.Offers;
import org.lifeline.donations.domain.pledge.Policy;
import org.lifeline.kernel.Rejected;
import org.lifeline.kernel.eventstore.EventCodec;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.RecordedEvent;
import org.lifeline.kernel.eventstore.Upcasters;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.IdempotentRequest;
import org.lifeline.support.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs offer commands on the offer's stream (type {@code offer}, id = offer id) in the command executor's
 * transaction. Accepting a need places the pledge through the {@link PledgePlacer} in that same
 * transaction, so OfferAccepted and the pledge commit together. Offers are their donor's alone.
 */
@ApplicationScoped
public class OfferHandler {

    public static final String STREAM_TYPE = "offer";

    /** An offer as loaded: its state and stream version. */
    public record Loaded(Offer offer, long version) { }

    private final Offers decider = new Offers();
    private final EventCodec<OfferEvent> codec =
            EventCodec.forSealed(ContractJson.mapper(), new Upcasters(), OfferEvent.class);
    private final Clock clock;
    private final EventStore store;
    private final CommandExecutor executor;
    private final OfferMatcher matcher;
    private final OpenNeeds openNeeds;
    private final PledgePlacer placer;
    private final OffersConfig config;
    private final ObjectMapper json;

    public OfferHandler(Clock clock, EventStore store, CommandExecutor executor, OfferMatcher matcher,
                        OpenNeeds openNeeds, PledgePlacer placer, OffersConfig config, ObjectMapper json) {
        this.clock = clock;
        this.store = store;
        this.executor = executor;
        this.matcher = matcher;
        this.openNeeds = openNeeds;
        this.placer = placer;
        this.config = config;
        this.json = json;
    }

    /** Submits an offer and records the matcher's first proposals for it (MatchProposed) with it. */
    public Uni<CommandExecutor.Outcome> submit(SubmitOffer command, Actor actor, String requestId,
                                               IdempotentRequest request) {
        return executor.execute(request, tx -> load(tx, command.offerId())
                .flatMap(loaded -> {
                    Instant now = clock.instant();
                    SubmitOffer submit = new SubmitOffer(command.offerId(), actor.accountId(), command.sector(),
                            command.item(), command.unit(), command.quantity(), command.location(),
                            command.availableUntil(), command.maxDistanceKm(), now);
                    List<OfferEvent> events = new ArrayList<>(decider.decide(submit, loaded.offer()));
                    Offer submitted = decider.replay(loaded.offer(), events);
                    return matcher.rank(OfferProfile.of(submitted), now, config.proposals()).flatMap(ranked -> {
                        List<OfferEvent.Proposal> proposals = ranked.stream().map(r -> new OfferEvent.Proposal(
                                r.need().needId(), MatchView.roundScore(r.score()), MatchView.roundKm(r.distanceKm())))
                                .toList();
                        events.addAll(decider.decide(new ProposeMatches(proposals, now), submitted));
                        return append(tx, loaded, events, Commands.metadata(actor, requestId, request, now));
                    }).map(after -> Commands.stored(json, 201, OfferView.of(after.offer(), after.version(), now)));
                }));
    }

    /** The offer, for its donor (404 unknown, 403 someone else's). */
    public Uni<Loaded> find(UUID offerId, Actor actor) {
        return store.load(STREAM_TYPE, offerId.toString()).map(this::replay).invoke(loaded -> authorise(loaded, offerId, actor));
    }

    /** The offer as its donor sees it now. */
    public OfferView view(Loaded loaded) {
        return OfferView.of(loaded.offer(), loaded.version(), clock.instant());
    }

    /** The needs the offer could go to, best first; none once the offer is placed, expired or withdrawn. */
    public Uni<List<MatchView>> matches(UUID offerId, Actor actor, int limit) {
        return find(offerId, actor).flatMap(loaded -> {
            Instant now = clock.instant();
            if (loaded.offer().status(now) != OfferStatus.OPEN) {
                return Uni.createFrom().item(List.<MatchView>of());
            }
            return matcher.rank(OfferProfile.of(loaded.offer()), now, limit)
                    .map(ranked -> ranked.stream().map(MatchView::of).toList());
        });
    }

    /**
     * Accepts a need for the offer: {@code quantity} (ALL_OR_NOTHING), or without one what is left of the
     * offer as far as the need takes it (PARTIAL), goes to the need as a new pledge {@code pledgeId}. The
     * need must be open (422 need-not-open), be for the offer's item (422 offer-does-not-fit) and lie within
     * the offer's maximum distance (422 need-out-of-reach). Answers the ledger's 201 pledge, or its refusal.
     * Offer and ledger commit together; a lost race on either is decided again from the start (infra
     * CommandAttempts), so acceptances that contend with pledges on one need are not refused for it.
     */
    public Uni<CommandExecutor.Outcome> accept(UUID offerId, UUID needId, Integer quantity, UUID pledgeId,
                                               Long ifMatch, Actor actor, String requestId, String path,
                                               IdempotentRequest request) {
        // A need posted a moment ago may not be in the view yet: wait for it before the transaction begins.
        return placer.awaitNeed(needId)
                .flatMap(ignored -> executor.execute(request, tx -> load(tx, offerId).flatMap(loaded -> {
                    authorise(loaded, offerId, actor);
                    Commands.checkVersion(ifMatch, loaded.version(), "offer");
                    Offer offer = loaded.offer();
                    Instant now = clock.instant();
                    int requested = quantity != null ? quantity : offer.remaining();
                    Policy policy = quantity != null ? Policy.ALL_OR_NOTHING : Policy.PARTIAL;
                    // The offer's own rules first (withdrawn, expired, not that much left): they need no ledger.
                    decider.decide(new AcceptOffer(needId, pledgeId, requested, now), offer);
                    return openNeeds.find(tx, needId).flatMap(found -> {
                        NeedCandidate need = found.orElseThrow(() -> new Rejected("need-not-open",
                                "need " + needId + " is not open for pledges"));
                        requireFit(offer, need);
                        EventMetadata metadata = Commands.metadata(actor, requestId, request, now);
                        return placer.place(tx, new PledgePlacer.PledgeOrder(pledgeId, needId, actor.accountId(),
                                requested, policy, offerId, metadata)).flatMap(placement -> switch (placement) {
                            case PledgePlacer.Placed placed -> append(tx, loaded, decider.decide(new AcceptOffer(
                                            needId, placed.pledgeId(), placed.reserved(), now), offer), metadata)
                                    .map(after -> Commands.stored(json, 201, placed.pledge()));
                            case PledgePlacer.Refused refused ->
                                    Uni.createFrom().item(Commands.problem(json, refused.problem(), path));
                        });
                    });
                })))
                .call(() -> matcher.refresh(needId));
    }

    /** The donor withdraws what is left of the offer (pledges already made stand). */
    public Uni<CommandExecutor.Outcome> withdraw(UUID offerId, Long ifMatch, Actor actor, String requestId,
                                                 IdempotentRequest request) {
        return executor.execute(request, tx -> load(tx, offerId).flatMap(loaded -> {
            authorise(loaded, offerId, actor);
            Commands.checkVersion(ifMatch, loaded.version(), "offer");
            Instant now = clock.instant();
            return append(tx, loaded, decider.decide(new WithdrawOffer(), loaded.offer()),
                    Commands.metadata(actor, requestId, request, now))
                    .map(after -> Commands.stored(json, 200, OfferView.of(after.offer(), after.version(), now)));
        }));
    }

    private static void requireFit(Offer offer, NeedCandidate need) {
        OfferProfile profile = OfferProfile.of(offer);
        if (!profile.fits(need)) {
            throw new Rejected("offer-does-not-fit", "the need is for " + need.sector() + " " + need.item()
                    + ", not " + offer.sector() + " " + offer.item());
        }
        double distance = Geo.distanceKm(offer.location(), need.site());
        if (!profile.withinReach(distance)) {
            throw new Rejected("need-out-of-reach", "the need is " + Math.round(distance)
                    + " km away, beyond the offer's " + offer.maxDistanceKm() + " km");
        }
    }

    private static void authorise(Loaded loaded, UUID offerId, Actor actor) {
        if (!loaded.offer().exists()) {
            throw new ProblemException(404, "Not Found", "There is no offer " + offerId + ".");
        }
        if (!actor.isDonor(loaded.offer().donorId())) {
            throw new ForbiddenException();
        }
    }

    private Uni<Loaded> load(SqlClient tx, UUID offerId) {
        return store.load(tx, STREAM_TYPE, offerId.toString()).map(this::replay);
    }

    private Loaded replay(List<RecordedEvent> recorded) {
        Offer offer = decider.replay(decider.initialState(), codec.decodeAll(recorded));
        return new Loaded(offer, recorded.isEmpty() ? EventStore.NO_STREAM : recorded.getLast().version());
    }

    private Uni<Loaded> append(SqlClient tx, Loaded loaded, List<OfferEvent> events, EventMetadata metadata) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(loaded);
        }
        Offer after = decider.replay(loaded.offer(), events);
        return store.append(tx, after.offerId().toString(), STREAM_TYPE, loaded.version(),
                        events.stream().map(event -> codec.encode(event, metadata)).toList())
                .map(recorded -> new Loaded(after, recorded.getLast().version()));
    }
}
