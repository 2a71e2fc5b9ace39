package org.lifeline.donations.money;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.donations.application.Actor;
import org.lifeline.donations.application.Commands;
import org.lifeline.contracts.ContractJson;
import org.lifeline.donations.domain.money.Donation;
import org.lifeline.donations.domain.money.DonationCommand.ReceiveDonation;
import org.lifeline.donations.domain.money.DonationCommand.RefundDonation;
import org.lifeline.donations.domain.money.DonationEvent;
import org.lifeline.donations.domain.money.Donations;
import org.lifeline.donations.domain.money.MatchPoolCommand.ApplyMatch;
import org.lifeline.donations.domain.money.MatchPoolCommand.ReverseMatch;
import org.lifeline.donations.domain.money.MatchPoolEvent;
import org.lifeline.donations.domain.money.MatchPoolEvent.MatchApplied;
import org.lifeline.donations.domain.money.Money;
import org.lifeline.donations.projection.Arrivals;
import org.lifeline.kernel.Rejected;
import org.lifeline.kernel.eventstore.EventCodec;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.Upcasters;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.IdempotentRequest;
import org.lifeline.support.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Records donations and refunds, with their matches, each in one transaction of the command executor:
 * the donation's stream (type {@code donation}) and the stream of the pool that matches it (type
 * {@code match-pool}) are appended together, each at the version it was read at. Concurrent donations to
 * one pool race on the pool's version; the losers read the pool again and decide again, so the pool
 * never gives more than it has.
 *
 * <p>Which pool matches a donation: the campaign's OPEN pools in the donation's currency are offered the
 * donation one after the other, oldest first (by opening time), and the first that matches anything
 * matches it; a donation takes one match from one pool at most. A pool that cannot (its donor's cap is
 * reached, the gift is under its minimum, its end time has come: it closes then) passes it on to the next.
 */
@ApplicationScoped
public class DonationHandler {

    public static final String STREAM_TYPE = "donation";

    private record Loaded(Donation donation, long version) { }

    /** The match a donation got: none, or {@code matched} from pool {@code matchPoolId}. */
    private record Match(UUID matchPoolId, Money matched) { }

    private final Donations decider = new Donations();
    private final EventCodec<DonationEvent> codec =
            EventCodec.forSealed(ContractJson.mapper(), new Upcasters(), DonationEvent.class);
    private final Clock clock;
    private final Pool pool;
    private final EventStore store;
    private final CommandExecutor executor;
    private final MatchPoolStore pools;
    private final MatchPoolReadModel poolReadModel;
    private final DonationReadModel readModel;
    private final CampaignDirectory campaigns;
    private final ObjectMapper json;
    private final Arrivals arrivals;

    public DonationHandler(Clock clock, Pool pool, EventStore store, CommandExecutor executor,
                           MatchPoolStore pools, MatchPoolReadModel poolReadModel,
                           DonationReadModel readModel, CampaignDirectory campaigns, ObjectMapper json,
                           Arrivals arrivals) {
        this.clock = clock;
        this.pool = pool;
        this.store = store;
        this.executor = executor;
        this.pools = pools;
        this.poolReadModel = poolReadModel;
        this.readModel = readModel;
        this.campaigns = campaigns;
        this.json = json;
        this.arrivals = arrivals;
    }

    /**
     * A donor gives to an ACTIVE campaign (422 campaign-closed); answers 201 with the match. A campaign not
     * heard of yet is waited for (it may just have opened: {@link Arrivals}), then 404.
     */
    public Uni<CommandExecutor.Outcome> donate(ReceiveDonation command, Actor actor, String requestId,
                                               IdempotentRequest request) {
        UUID campaignId = command.campaignId();
        return arrivals.await(campaignId, () -> campaigns.exists(pool, campaignId))
                .flatMap(ignored -> donateNow(command, actor, requestId, request));
    }

    private Uni<CommandExecutor.Outcome> donateNow(ReceiveDonation command, Actor actor, String requestId,
                                                   IdempotentRequest request) {
        return executor.execute(request, tx -> campaigns.require(tx, command.campaignId())
                .flatMap(campaign -> {
                    if (!campaign.isActive()) {
                        throw new Rejected("campaign-closed", "the campaign is closed and takes no donations");
                    }
                    Instant now = clock.instant();
                    EventMetadata metadata = Commands.metadata(actor, requestId, request, now);
                    return load(tx, command.donationId())
                            .flatMap(loaded -> append(tx, loaded, decider.decide(command, loaded.donation()),
                                    metadata))
                            .flatMap(received -> poolReadModel.openPools(tx, command.campaignId(),
                                            command.amount().currency())
                                    .flatMap(open -> match(tx, open, 0, command, metadata))
                                    .call(match -> readModel.save(tx, received.donation(), match.matched(),
                                            match.matchPoolId(), received.version(), now))
                                    .map(match -> Commands.stored(json, 201, view(received, match, now, now))));
                }));
    }

    /**
     * Refunds a donation (a coordinator of its campaign's organisation, or an admin): the donation is
     * REFUNDED and its match, if any, goes back to its pool in the same transaction.
     */
    public Uni<CommandExecutor.Outcome> refund(UUID donationId, Long ifMatch, Actor actor, String requestId,
                                               IdempotentRequest request) {
        return executor.execute(request, tx -> readModel.find(tx, donationId)
                .flatMap(found -> {
                    DonationReadModel.Stored stored = found.orElseThrow(() -> notFound(donationId));
                    return campaigns.find(tx, stored.view().campaignId()).flatMap(campaign -> {
                        if (!actor.mayActFor(campaign.map(CampaignEntry::organisationId).orElse(null))) {
                            throw new ForbiddenException();
                        }
                        Instant now = clock.instant();
                        EventMetadata metadata = Commands.metadata(actor, requestId, request, now);
                        UUID poolId = stored.view().matchPoolId();
                        return load(tx, donationId)
                                .invoke(loaded -> Commands.checkVersion(ifMatch, loaded.version(), "donation"))
                                .flatMap(loaded -> append(tx, loaded,
                                        decider.decide(new RefundDonation(donationId), loaded.donation()), metadata))
                                .call(refunded -> poolId == null ? Uni.createFrom().voidItem()
                                        : pools.load(tx, poolId).flatMap(loaded -> pools.append(tx, poolId, loaded,
                                                pools.decider().decide(new ReverseMatch(donationId, now),
                                                        loaded.pool()), metadata)))
                                .call(refunded -> readModel.save(tx, refunded.donation(), stored.view().matched(),
                                        poolId, refunded.version(), now))
                                .map(refunded -> Commands.stored(json, 200, view(refunded,
                                        new Match(poolId, stored.view().matched()), stored.view().receivedAt(), now)));
                    });
                }));
    }

    /** The donation, for its donor, a coordinator of its campaign's organisation, or an admin (else 403). */
    public Uni<DonationView> find(UUID donationId, Actor actor) {
        return readModel.find(pool, donationId).flatMap(found -> {
            DonationReadModel.Stored stored = found.orElseThrow(() -> notFound(donationId));
            if (stored.donorId().equals(actor.accountId())) {
                return Uni.createFrom().item(stored.view());
            }
            return campaigns.find(pool, stored.view().campaignId()).map(campaign -> {
                if (!actor.mayActFor(campaign.map(CampaignEntry::organisationId).orElse(null))) {
                    throw new ForbiddenException();
                }
                return stored.view();
            });
        });
    }

    /** Offers the donation to the open pools from {@code index} on, until one matches it. */
    private Uni<Match> match(SqlClient tx, List<UUID> open, int index, ReceiveDonation donation,
                             EventMetadata metadata) {
        if (index >= open.size()) {
            return Uni.createFrom().item(new Match(null, Money.zero(donation.amount().currency())));
        }
        UUID poolId = open.get(index);
        return pools.load(tx, poolId).flatMap(loaded -> {
            List<MatchPoolEvent> events = pools.decider().decide(new ApplyMatch(donation.donationId(),
                    donation.donorId(), donation.amount(), metadata.occurredAt()), loaded.pool());
            Optional<MatchApplied> applied = events.stream().filter(MatchApplied.class::isInstance)
                    .map(MatchApplied.class::cast).findFirst();
            return pools.append(tx, poolId, loaded, events, metadata).flatMap(after -> applied.isPresent()
                    ? Uni.createFrom().item(new Match(poolId, applied.get().matched()))
                    : match(tx, open, index + 1, donation, metadata));
        });
    }

    private Uni<Loaded> load(SqlClient tx, UUID donationId) {
        return store.load(tx, STREAM_TYPE, donationId.toString()).map(recorded -> {
            Donation donation = decider.replay(decider.initialState(), codec.decodeAll(recorded));
            return new Loaded(donation, recorded.isEmpty() ? EventStore.NO_STREAM : recorded.getLast().version());
        });
    }

    private Uni<Loaded> append(SqlClient tx, Loaded loaded, List<DonationEvent> events, EventMetadata metadata) {
        Donation after = decider.replay(loaded.donation(), events);
        return store.append(tx, after.donationId().toString(), STREAM_TYPE, loaded.version(),
                        events.stream().map(event -> codec.encode(event, metadata)).toList())
                .map(recorded -> new Loaded(after, recorded.isEmpty() ? loaded.version()
                        : recorded.getLast().version()));
    }

    private static DonationView view(Loaded loaded, Match match, Instant receivedAt, Instant updatedAt) {
        Donation donation = loaded.donation();
        return new DonationView(donation.donationId(), donation.campaignId(), donation.amount(), match.matched(),
                match.matchPoolId(), donation.status().name(), donation.paymentRef(), receivedAt, updatedAt,
                loaded.version());
    }


    private static ProblemException notFound(UUID donationId) {
        return new ProblemException(404, "Not Found", "There is no donation " + donationId + ".");
    }
}
