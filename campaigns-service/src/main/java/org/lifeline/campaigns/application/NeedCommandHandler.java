package org.lifeline.campaigns.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.campaigns.domain.campaign.CampaignStatus;
import org.lifeline.campaigns.domain.need.CloseNeed;
import org.lifeline.campaigns.domain.need.CloseReason;
import org.lifeline.campaigns.domain.need.Need;
import org.lifeline.campaigns.domain.need.NeedCommand;
import org.lifeline.campaigns.domain.need.NeedEvent;
import org.lifeline.campaigns.domain.need.NeedStatus;
import org.lifeline.campaigns.domain.need.Needs;
import org.lifeline.campaigns.domain.need.PostNeed;
import org.lifeline.campaigns.projection.CampaignReadModel;
import org.lifeline.campaigns.projection.CampaignView;
import org.lifeline.campaigns.projection.NeedReadModel;
import org.lifeline.campaigns.projection.NeedView;
import org.lifeline.campaigns.projection.OwnedNeed;
import org.lifeline.contracts.ContractJson;
import org.lifeline.kernel.Rejected;
import org.lifeline.kernel.consumer.IncomingEvent;
import org.lifeline.kernel.eventstore.ConcurrencyConflict;
import org.lifeline.kernel.eventstore.EventCodec;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.NewEvent;
import org.lifeline.kernel.eventstore.RecordedEvent;
import org.lifeline.kernel.eventstore.Upcasters;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.IdempotentRequest;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.kernel.outbox.OutboxSignal;
import org.lifeline.support.LifelineConfig;
import org.lifeline.support.ProblemException;
import org.lifeline.support.eventsourcing.Correlation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs need commands: load the need's stream (type {@code need}, id = need id), authorise, decide,
 * append, and write the {@code needs} read model, all in one transaction: the command executor's
 * for coordinators (so {@code Idempotency-Key} replays and the outbox relay is signalled), the
 * caller's for reactions and for closing a campaign's needs, a transaction of its own for the
 * service's timers.
 */
@ApplicationScoped
public class NeedCommandHandler {

    public static final String STREAM_TYPE = "need";

    /** How often a command of the service itself is decided again after losing a race on the need's version. */
    private static final int ATTEMPTS_ON_CONFLICT = 10;

    /** What a need stream looks like once loaded: the need, its stream version and when it last changed. */
    private record Loaded(Need need, long version, Instant updatedAt) { }

    private static final Loaded NEW = new Loaded(Need.NONE, EventStore.NO_STREAM, null);

    private final Needs decider;
    private final Clock clock;
    private final EventStore store;
    private final CommandExecutor executor;
    private final OutboxSignal signal;
    private final NeedReadModel readModel;
    private final CampaignReadModel campaigns;
    private final ObjectMapper json;
    private final String serviceActor;
    private final EventCodec<NeedEvent> codec;

    public NeedCommandHandler(Needs decider, Clock clock, EventStore store,
                              CommandExecutor executor, OutboxSignal signal, NeedReadModel readModel,
                              CampaignReadModel campaigns, ObjectMapper json, LifelineConfig config) {
        this.decider = decider;
        this.clock = clock;
        this.store = store;
        this.executor = executor;
        this.signal = signal;
        this.readModel = readModel;
        this.campaigns = campaigns;
        this.json = json;
        this.serviceActor = Correlation.system(config.serviceName());
        // Events are written by the contract's JSON rules (no nulls, RFC 3339 times): what is stored is what Kafka carries.
        this.codec = EventCodec.forSealed(ContractJson.mapper(), new Upcasters(), NeedEvent.class);
    }

    /**
     * Posts a need to a campaign; {@code command.organisationId()} is ignored and taken from the
     * campaign, which must exist (404), be the actor's (403) and be ACTIVE (422). The campaign's row
     * is share-locked until commit, so a concurrent close either sees this need or is seen closed.
     *
     * @param requestId the request's {@code X-Request-Id}: the flow the need's events belong to
     */
    public Uni<CommandExecutor.Outcome> post(PostNeed command, Actor actor, String requestId,
                                             IdempotentRequest request) {
        EventMetadata metadata = forRequest(actor, requestId, request);
        return executor.execute(request, tx -> campaigns.findForShare(tx, command.campaignId())
                .flatMap(found -> {
                    CampaignView campaign = found.orElseThrow(() -> new ProblemException(404, "Not Found",
                            "There is no campaign " + command.campaignId() + "."));
                    if (!actor.mayActFor(campaign.organisationId())) {
                        throw new ForbiddenException();
                    }
                    if (campaign.status() != CampaignStatus.ACTIVE) {
                        throw new Rejected("campaign-closed", "campaign is " + campaign.status()
                                + " and takes no new needs");
                    }
                    PostNeed post = new PostNeed(command.needId(), command.campaignId(), campaign.organisationId(),
                            command.sector(), command.item(), command.unit(), command.quantity(), command.urgency(),
                            command.site(), command.neededBy());
                    return append(tx, List.of(post), NEW, metadata);
                })
                .map(after -> respond(201, view(after))));
    }

    /**
     * Runs a coordinator's commands on one need in sequence, appending all their events at once.
     *
     * @param ifMatch   the version the caller last saw, or null for whatever the version
     * @param requestId the request's {@code X-Request-Id}: the flow the events belong to
     */
    public Uni<CommandExecutor.Outcome> change(UUID needId, List<NeedCommand> commands, Long ifMatch, Actor actor,
                                               String requestId, IdempotentRequest request) {
        EventMetadata metadata = forRequest(actor, requestId, request);
        return executor.execute(request, tx -> load(tx, needId)
                .invoke(loaded -> {
                    if (!loaded.need().exists()) {
                        throw new ProblemException(404, "Not Found", "There is no need " + needId + ".");
                    }
                    if (!actor.mayActFor(loaded.need().organisationId())) {
                        throw new ForbiddenException();
                    }
                    if (ifMatch != null && ifMatch != loaded.version()) {
                        throw new ProblemException(409, "Stale version", "The need is at version "
                                + loaded.version() + ", not " + ifMatch + ".");
                    }
                })
                .flatMap(loaded -> append(tx, commands, loaded, metadata))
                .map(after -> respond(200, view(after))));
    }

    /**
     * Runs a command of the service itself (the freshness sweep's check) on one need, in a
     * transaction of its own, decided again when it loses a race on the need's version; nobody to
     * authorise. Whether it changed the need.
     */
    public Uni<Boolean> runForService(NeedCommand command, EventMetadata metadata) {
        return store.pool().withTransaction(tx -> load(tx, command.needId())
                        .flatMap(loaded -> append(tx, List.of(command), loaded, metadata)
                                .map(after -> after.version() != loaded.version())))
                .onFailure(ConcurrencyConflict.class).retry().atMost(ATTEMPTS_ON_CONFLICT - 1)
                .invoke(changed -> {
                    if (changed) {
                        signal.poke();
                    }
                });
    }

    /**
     * Runs a command in reaction to another service's event, in the caller's transaction (a
     * projection's, which records the event as applied): the events keep its flow and name it as their cause.
     */
    public Uni<Void> react(SqlConnection tx, NeedCommand command, IncomingEvent event) {
        EventMetadata metadata = Correlation.forReaction(serviceActor, event.id(), event.correlationId(),
                clock.instant());
        return load(tx, command.needId())
                .flatMap(loaded -> append(tx, List.of(command), loaded, metadata))
                .replaceWithVoid();
    }

    /**
     * Closes the live needs of a campaign that is closing, in the close's transaction, which holds the
     * campaign's row lock: FULFILLED needs as fulfilled (NeedClosed), OPEN and FULLY_PLEDGED ones as
     * cancelled (NeedCancelled). Needs already closed, cancelled or expired are left as they are.
     */
    public Uni<Void> closeLiveNeeds(SqlConnection tx, UUID campaignId, EventMetadata metadata) {
        return readModel.ofCampaign(tx, campaignId, List.of(NeedStatus.OPEN, NeedStatus.FULLY_PLEDGED,
                        NeedStatus.FULFILLED))
                .flatMap(ids -> Multi.createFrom().iterable(ids)
                        // One statement at a time: they share the transaction's connection.
                        .onItem().transformToUniAndConcatenate(needId -> load(tx, needId).flatMap(loaded -> {
                            NeedStatus status = loaded.need().status();
                            if (status == NeedStatus.FULFILLED) {
                                return append(tx, List.of(new CloseNeed(needId, CloseReason.FULFILLED)), loaded,
                                        metadata);
                            }
                            if (status != null && status.isLive()) {
                                return append(tx, List.of(new CloseNeed(needId, CloseReason.CANCELLED)), loaded,
                                        metadata);
                            }
                            return Uni.createFrom().item(loaded);
                        }))
                        .collect().asList())
                .replaceWithVoid();
    }

    /**
     * The need as it stood at {@code asOf}, rebuilt from its events, with its exact site and its organisation;
     * empty when it did not exist yet.
     */
    public Uni<Optional<OwnedNeed>> asOf(UUID needId, Instant asOf) {
        return store.loadAsOf(STREAM_TYPE, needId.toString(), asOf).map(this::replay)
                .map(loaded -> loaded.need().exists()
                        ? Optional.of(new OwnedNeed(loaded.need().organisationId(), view(loaded)))
                        : Optional.empty());
    }

    /** For callers that need the typed body of a stored (possibly replayed) response. */
    public <T> T read(StoredResponse response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored " + type.getSimpleName(), e);
        }
    }

    private EventMetadata forRequest(Actor actor, String requestId, IdempotentRequest request) {
        return Correlation.forRequest(actor.subject(), requestId, request == null ? null : request.key(),
                clock.instant());
    }

    private StoredResponse respond(int status, Object body) {
        try {
            return new StoredResponse(status, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }

    private static NeedView view(Loaded loaded) {
        return NeedView.of(loaded.need(), loaded.version(), loaded.updatedAt());
    }

    private Uni<Loaded> load(SqlConnection tx, UUID needId) {
        return store.load(tx, STREAM_TYPE, needId.toString()).map(this::replay);
    }

    private Loaded replay(List<RecordedEvent> recorded) {
        Need need = decider.replay(decider.initialState(), codec.decodeAll(recorded));
        if (recorded.isEmpty()) {
            return new Loaded(need, EventStore.NO_STREAM, null);
        }
        RecordedEvent last = recorded.getLast();
        Instant at = last.metadata() != null && last.metadata().occurredAt() != null
                ? last.metadata().occurredAt() : last.recordedAt();
        return new Loaded(need, last.version(), at);
    }

    /** Decides the commands in sequence and appends their events with {@code metadata}; the need as it then stands. */
    private Uni<Loaded> append(SqlConnection tx, List<NeedCommand> commands, Loaded loaded, EventMetadata metadata) {
        List<NeedEvent> events = new ArrayList<>();
        Need state = loaded.need();
        for (NeedCommand command : commands) {
            List<NeedEvent> decided = decider.decide(command, state);
            state = decider.replay(state, decided);
            events.addAll(decided);
        }
        if (events.isEmpty()) {
            return Uni.createFrom().item(loaded);
        }
        // Stamped after deciding, so a new need's updatedAt is never before its postedAt (both from the clock).
        Instant now = clock.instant();
        EventMetadata stamped = new EventMetadata(metadata.correlationId(), metadata.causationId(), metadata.actor(),
                metadata.idempotencyKey(), now);
        List<NewEvent> encoded = events.stream().map(event -> codec.encode(event, stamped)).toList();
        Need after = state;
        String streamId = after.needId().toString();
        return store.append(tx, streamId, STREAM_TYPE, loaded.version(), encoded)
                .map(recorded -> new Loaded(after, recorded.getLast().version(), now))
                .call(appended -> readModel.save(tx, after, appended.version(), now));
    }
}
