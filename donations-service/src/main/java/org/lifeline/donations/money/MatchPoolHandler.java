package org.lifeline.donations.money;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.donations.application.Actor;
import org.lifeline.donations.application.Commands;
import org.lifeline.donations.domain.money.CloseReason;
import org.lifeline.donations.domain.money.MatchPoolCommand.CloseMatchPool;
import org.lifeline.donations.domain.money.MatchPoolCommand.OpenMatchPool;
import org.lifeline.donations.projection.Arrivals;
import org.lifeline.kernel.Rejected;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.IdempotentRequest;
import org.lifeline.support.LifelineConfig;
import org.lifeline.support.ProblemException;
import org.lifeline.support.eventsourcing.Correlation;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Opens and closes match pools: load the pool's stream → authorise against the campaign's organisation →
 * decide → append at the loaded version, with the read model, in the command executor's transaction.
 */
@ApplicationScoped
public class MatchPoolHandler {

    /** How many due pools one timer run closes; the next run takes the rest. */
    private static final int CLOSE_BATCH = 200;

    private final Clock clock;
    private final CommandExecutor executor;
    private final MatchPoolStore pools;
    private final MatchPoolReadModel readModel;
    private final CampaignDirectory campaigns;
    private final ObjectMapper json;
    private final String serviceName;
    private final Pool pool;
    private final Arrivals arrivals;

    public MatchPoolHandler(Clock clock, CommandExecutor executor, MatchPoolStore pools, MatchPoolReadModel readModel,
                            CampaignDirectory campaigns, ObjectMapper json, LifelineConfig config, Pool pool,
                            Arrivals arrivals) {
        this.clock = clock;
        this.executor = executor;
        this.pools = pools;
        this.readModel = readModel;
        this.campaigns = campaigns;
        this.json = json;
        this.serviceName = config.serviceName();
        this.pool = pool;
        this.arrivals = arrivals;
    }

    /**
     * Opens a pool for a campaign; {@code command.organisationId()} is ignored and taken from the campaign,
     * which must be known (404, after waiting for a campaign that may just have opened: {@link Arrivals}),
     * be the actor's organisation's (403) and ACTIVE (422 campaign-closed).
     */
    public Uni<CommandExecutor.Outcome> open(OpenMatchPool command, Actor actor, String requestId,
                                             IdempotentRequest request) {
        UUID campaignId = command.campaignId();
        return arrivals.await(campaignId, () -> campaigns.exists(pool, campaignId))
                .flatMap(ignored -> openNow(command, actor, requestId, request));
    }

    /**
     * The campaign, known to this service: a 404 problem when it is not, after waiting for a campaign that may
     * just have opened ({@link Arrivals}), as {@link #open} does.
     */
    public Uni<CampaignEntry> requireCampaign(UUID campaignId) {
        return arrivals.await(campaignId, () -> campaigns.exists(pool, campaignId))
                .flatMap(ignored -> campaigns.require(pool, campaignId));
    }

    private Uni<CommandExecutor.Outcome> openNow(OpenMatchPool command, Actor actor, String requestId,
                                                 IdempotentRequest request) {
        return executor.execute(request, tx -> campaigns.require(tx, command.campaignId())
                .flatMap(campaign -> {
                    if (!actor.mayActFor(campaign.organisationId())) {
                        throw new ForbiddenException();
                    }
                    if (!campaign.isActive()) {
                        throw new Rejected("campaign-closed", "the campaign is closed and takes no match pools");
                    }
                    Instant now = clock.instant();
                    OpenMatchPool open = new OpenMatchPool(command.matchPoolId(), command.campaignId(),
                            campaign.organisationId(), command.sponsor(), command.ratio(), command.pool(),
                            command.perDonorCap(), command.minGift(), command.endsAt(), now);
                    return pools.load(tx, command.matchPoolId()).flatMap(loaded -> pools.append(tx,
                            command.matchPoolId(), loaded, pools.decider().decide(open, loaded.pool()),
                            Commands.metadata(actor, requestId, request, now)));
                })
                .map(after -> Commands.stored(json, 201, MatchPoolReadModel.view(after.pool(), after.version(),
                        after.openedAt(), after.openedAt()))));
    }

    /** The pool's coordinator (or an admin) closes it (reason CLOSED); {@code ifMatch} is the version last seen. */
    public Uni<CommandExecutor.Outcome> close(UUID matchPoolId, Long ifMatch, Actor actor, String requestId,
                                              IdempotentRequest request) {
        return executor.execute(request, tx -> pools.load(tx, matchPoolId)
                .flatMap(loaded -> {
                    if (!loaded.pool().exists()) {
                        throw new ProblemException(404, "Not Found", "There is no match pool " + matchPoolId + ".");
                    }
                    if (!actor.mayActFor(loaded.pool().organisationId())) {
                        throw new ForbiddenException();
                    }
                    Commands.checkVersion(ifMatch, loaded.version(), "match pool");
                    Instant now = clock.instant();
                    return pools.append(tx, matchPoolId, loaded, pools.decider().decide(
                                    new CloseMatchPool(CloseReason.CLOSED, now),
                                    loaded.pool()), Commands.metadata(actor, requestId, request, now))
                            .map(after -> Commands.stored(json, 200, MatchPoolReadModel.view(after.pool(),
                                    after.version(), after.openedAt(), now)));
                }));
    }

    /**
     * The timer's work: closes every live pool whose end time has come by {@code now} (ENDED) or whose
     * campaign closed (CLOSED). Answers how many it closed. A pool a donation closed meanwhile is skipped.
     */
    public Uni<Integer> closeDue(Instant now) {
        return readModel.due(now, CLOSE_BATCH).flatMap(due -> Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(pool -> closeOne(pool, now)
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("match pool %s not closed: %s", pool.matchPoolId(), failure.toString());
                            return false;
                        }))
                .collect().asList()
                .map(closed -> (int) closed.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> closeOne(MatchPoolReadModel.Due due, Instant now) {
        // A timer starts its own flow: a random correlation, the service as actor.
        EventMetadata metadata = Correlation.forReaction(Correlation.system(serviceName), UUID.randomUUID(), null, now);
        return executor.execute(null, tx -> pools.load(tx, due.matchPoolId())
                .flatMap(loaded -> pools.append(tx, due.matchPoolId(), loaded,
                        pools.decider().decide(new CloseMatchPool(due.reason(), now), loaded.pool()), metadata)
                        .map(after -> Commands.stored(json, 200, after.version() > loaded.version()))))
                .map(outcome -> Boolean.parseBoolean(outcome.response().body()));
    }
}
