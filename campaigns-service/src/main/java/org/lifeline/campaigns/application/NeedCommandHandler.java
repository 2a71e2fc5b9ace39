package org.lifeline.campaigns.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.campaigns.domain.campaign.Campaign;
import org.lifeline.campaigns.domain.campaign.CampaignStatus;
import org.lifeline.campaigns.domain.need.Need;
import org.lifeline.campaigns.domain.need.NeedCommand;
import org.lifeline.campaigns.domain.need.NeedEvent;
import org.lifeline.campaigns.domain.need.Needs;
import org.lifeline.campaigns.domain.need.PostNeed;
import org.lifeline.campaigns.projection.NeedReadModel;
import org.lifeline.campaigns.projection.NeedView;
import org.lifeline.contracts.ContractJson;
import org.lifeline.kernel.Rejected;
import org.lifeline.kernel.eventstore.EventCodec;
import org.lifeline.kernel.eventstore.EventMetadata;
import org.lifeline.kernel.eventstore.EventStore;
import org.lifeline.kernel.eventstore.NewEvent;
import org.lifeline.kernel.eventstore.RecordedEvent;
import org.lifeline.kernel.eventstore.Upcasters;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.IdempotentRequest;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.support.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs need commands: load the need's stream (type {@code need}, id = need id), authorise, decide,
 * append, and write the {@code needs} read model, all in the command executor's transaction so
 * {@code Idempotency-Key} replays and the outbox relay is signalled.
 */
@ApplicationScoped
public class NeedCommandHandler {

    public static final String STREAM_TYPE = "need";

    /** What a need stream looks like once loaded: the need, its stream version and when it last changed. */
    private record Loaded(Need need, long version, Instant updatedAt) { }

    private final Needs decider;
    private final Clock clock;
    private final EventStore store;
    private final CommandExecutor executor;
    private final NeedReadModel readModel;
    private final CampaignCommandHandler campaigns;
    private final ObjectMapper json;
    private final EventCodec<NeedEvent> codec;

    public NeedCommandHandler(Needs decider, Clock clock, EventStore store, CommandExecutor executor,
                              NeedReadModel readModel, CampaignCommandHandler campaigns, ObjectMapper json) {
        this.decider = decider;
        this.clock = clock;
        this.store = store;
        this.executor = executor;
        this.readModel = readModel;
        this.campaigns = campaigns;
        this.json = json;
        // Events are written by the contract's JSON rules (no nulls, RFC 3339 times): what is stored is what Kafka carries.
        this.codec = EventCodec.forSealed(ContractJson.mapper(), new Upcasters(), NeedEvent.class);
    }

    /**
     * Posts a need to a campaign; {@code command.organisationId()} is ignored and taken from the
     * campaign, which must exist (404), be the actor's (403) and be ACTIVE (422).
     */
    public Uni<CommandExecutor.Outcome> post(PostNeed command, Actor actor, IdempotentRequest request) {
        return executor.execute(request, tx -> campaigns.load(command.campaignId())
                .flatMap(loaded -> {
                    Campaign campaign = loaded.campaign();
                    if (!campaign.exists()) {
                        throw new ProblemException(404, "Not Found", "There is no campaign " + command.campaignId() + ".");
                    }
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
                    return append(tx, List.of(post), new Loaded(Need.NONE, EventStore.NO_STREAM, null), actor, request);
                })
                .map(after -> respond(201, view(after))));
    }

    /**
     * Runs a coordinator's commands on one need in sequence, appending all their events at once.
     *
     * @param ifMatch the version the caller last saw, or null for whatever the version
     */
    public Uni<CommandExecutor.Outcome> change(UUID needId, List<NeedCommand> commands, Long ifMatch, Actor actor,
                                               IdempotentRequest request) {
        return executor.execute(request, tx -> loadAuthorised(needId, actor)
                .invoke(loaded -> {
                    if (ifMatch != null && ifMatch != loaded.version()) {
                        throw new ProblemException(409, "Stale version", "The need is at version "
                                + loaded.version() + ", not " + ifMatch + ".");
                    }
                })
                .flatMap(loaded -> append(tx, commands, loaded, actor, request))
                .map(after -> respond(200, view(after))));
    }

    /** The need as it stood at {@code asOf}, rebuilt from its events; empty when it did not exist yet. */
    public Uni<Optional<NeedView>> asOf(UUID needId, Instant asOf) {
        return store.loadAsOf(needId.toString(), asOf).map(this::replay)
                .map(loaded -> loaded.need().exists() ? Optional.of(view(loaded)) : Optional.empty());
    }

    /** For callers that need the typed body of a stored (possibly replayed) response. */
    public <T> T read(StoredResponse response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored " + type.getSimpleName(), e);
        }
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

    private Uni<Loaded> loadAuthorised(UUID needId, Actor actor) {
        return store.load(needId.toString()).map(this::replay).invoke(loaded -> {
            if (!loaded.need().exists()) {
                throw new ProblemException(404, "Not Found", "There is no need " + needId + ".");
            }
            if (!actor.mayActFor(loaded.need().organisationId())) {
                throw new ForbiddenException();
            }
        });
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

    private Uni<Loaded> append(SqlConnection tx, List<NeedCommand> commands, Loaded loaded, Actor actor,
                               IdempotentRequest request) {
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
        Instant now = clock.instant();
        EventMetadata metadata = EventMetadata.of(actor.subject(), now)
                .withIdempotencyKey(request == null ? null : request.key());
        List<NewEvent> encoded = events.stream().map(event -> codec.encode(event, metadata)).toList();
        Need after = state;
        String streamId = after.needId().toString();
        return store.append(tx, streamId, STREAM_TYPE, loaded.version(), encoded)
                .map(recorded -> new Loaded(after, recorded.getLast().version(), now))
                .call(appended -> readModel.save(tx, after, appended.version(), now));
    }
}
