package org.lifeline.campaigns.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.lifeline.campaigns.domain.campaign.Campaign;
import org.lifeline.campaigns.domain.campaign.CampaignCommand;
import org.lifeline.campaigns.domain.campaign.CampaignCommand.OpenCampaign;
import org.lifeline.campaigns.domain.campaign.CampaignCommand.PublishPost;
import org.lifeline.campaigns.domain.campaign.CampaignEvent;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.CampaignClosed;
import org.lifeline.campaigns.domain.campaign.CampaignEvent.PostPublished;
import org.lifeline.campaigns.domain.campaign.Campaigns;
import org.lifeline.campaigns.projection.CampaignReadModel;
import org.lifeline.campaigns.projection.CampaignView;
import org.lifeline.campaigns.projection.PostView;
import org.lifeline.contracts.ContractJson;
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
import org.lifeline.support.eventsourcing.Correlation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs campaign commands: load the campaign's stream, authorise, decide, append, and update the
 * read model, all in the command executor's transaction so {@code Idempotency-Key} replays and
 * the outbox relay is signalled. Closing a campaign closes its live needs in the same transaction.
 */
@ApplicationScoped
public class CampaignCommandHandler {

    /** What a stream looks like once loaded: the campaign and its stream version. */
    private record Loaded(Campaign campaign, long version) { }

    private final Campaigns decider = new Campaigns();
    private final EventStore store;
    private final CommandExecutor executor;
    private final CampaignReadModel readModel;
    private final NeedCommandHandler needs;
    private final ObjectMapper json;
    private final EventCodec<CampaignEvent> codec;

    public CampaignCommandHandler(EventStore store, CommandExecutor executor,
                                  CampaignReadModel readModel, NeedCommandHandler needs, ObjectMapper json) {
        this.store = store;
        this.executor = executor;
        this.readModel = readModel;
        this.needs = needs;
        this.json = json;
        // Events are written by the contract's JSON rules (no nulls, RFC 3339 times): what is stored is what Kafka carries.
        this.codec = EventCodec.forSealed(ContractJson.mapper(), new Upcasters(), CampaignEvent.class);
    }

    /** @param requestId the request's {@code X-Request-Id}: the flow the events belong to (so for the other methods) */
    public Uni<CommandExecutor.Outcome> open(OpenCampaign command, Actor actor, String requestId,
                                             IdempotentRequest request) {
        if (!actor.mayActFor(command.organisationId())) {
            return Uni.createFrom().failure(new ForbiddenException());
        }
        EventMetadata metadata = forRequest(actor, requestId, request, command.at());
        return executor.execute(request, tx -> append(tx, command, new Loaded(Campaign.NONE, EventStore.NO_STREAM),
                        metadata)
                .map(after -> respond(201, CampaignView.of(after.campaign(), after.version()))));
    }

    public Uni<CommandExecutor.Outcome> publishPost(PublishPost command, Actor actor, String requestId,
                                                    IdempotentRequest request) {
        EventMetadata metadata = forRequest(actor, requestId, request, command.at());
        return executor.execute(request, tx -> loadAuthorised(tx, command.campaignId(), actor)
                .flatMap(loaded -> append(tx, command, loaded, metadata))
                .map(after -> respond(201, PostView.of((PostPublished) after.events().getFirst()))));
    }

    /**
     * Closes the campaign and, in the same transaction, its live needs. The campaign's row is locked
     * first: needs being posted to it commit before (and are closed here), or wait and find it closed.
     *
     * @param ifMatch the version the caller last saw, or null to close whatever the version
     */
    public Uni<CommandExecutor.Outcome> close(CampaignCommand.CloseCampaign command, Long ifMatch, Actor actor,
                                              String requestId, IdempotentRequest request) {
        EventMetadata metadata = forRequest(actor, requestId, request, command.at());
        return executor.execute(request, tx -> readModel.lockForClose(tx, command.campaignId())
                .flatMap(locked -> loadAuthorised(tx, command.campaignId(), actor))
                .invoke(loaded -> {
                    if (ifMatch != null && ifMatch != loaded.version()) {
                        throw new ProblemException(409, "Stale version", "The campaign is at version "
                                + loaded.version() + ", not " + ifMatch + ".");
                    }
                })
                .flatMap(loaded -> append(tx, command, loaded, metadata))
                .call(after -> closeNeeds(tx, after, metadata))
                .map(after -> respond(200, CampaignView.of(after.campaign(), after.version()))));
    }

    /** The campaign as it stood at {@code asOf}, rebuilt from its events; empty when it did not exist yet. */
    public Uni<Optional<CampaignView>> asOf(UUID campaignId, Instant asOf) {
        return store.loadAsOf(Campaigns.STREAM_TYPE, campaignId.toString(), asOf).map(this::replay)
                .map(loaded -> loaded.campaign().exists()
                        ? Optional.of(CampaignView.of(loaded.campaign(), loaded.version()))
                        : Optional.empty());
    }

    private record Appended(Campaign campaign, long version, List<CampaignEvent> events,
                            List<RecordedEvent> recorded) { }

    /** After CampaignClosed: its needs' events keep the request's flow and name CampaignClosed as their cause. */
    private Uni<Void> closeNeeds(SqlConnection tx, Appended after, EventMetadata metadata) {
        for (int i = 0; i < after.events().size(); i++) {
            if (after.events().get(i) instanceof CampaignClosed closed) {
                EventMetadata caused = Correlation.forReaction(metadata.actor(), after.recorded().get(i).eventId(),
                                metadata.correlationId(), metadata.occurredAt())
                        .withIdempotencyKey(metadata.idempotencyKey());
                return needs.closeLiveNeeds(tx, closed.campaignId(), caused);
            }
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Loaded> loadAuthorised(SqlConnection tx, UUID campaignId, Actor actor) {
        return store.load(tx, Campaigns.STREAM_TYPE, campaignId.toString()).map(this::replay).invoke(loaded -> {
            if (!loaded.campaign().exists()) {
                throw new ProblemException(404, "Not Found", "There is no campaign " + campaignId + ".");
            }
            if (!actor.mayActFor(loaded.campaign().organisationId())) {
                throw new ForbiddenException();
            }
        });
    }

    private Loaded replay(List<RecordedEvent> recorded) {
        Campaign campaign = decider.replay(decider.initialState(), codec.decodeAll(recorded));
        return new Loaded(campaign, recorded.isEmpty() ? EventStore.NO_STREAM : recorded.getLast().version());
    }

    private static EventMetadata forRequest(Actor actor, String requestId, IdempotentRequest request, Instant at) {
        return Correlation.forRequest(actor.subject(), requestId, request == null ? null : request.key(), at);
    }

    private Uni<Appended> append(SqlConnection tx, CampaignCommand command, Loaded loaded, EventMetadata metadata) {
        List<CampaignEvent> events = decider.decide(command, loaded.campaign());
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Appended(loaded.campaign(), loaded.version(), events, List.of()));
        }
        List<NewEvent> encoded = events.stream().map(event -> codec.encode(event, metadata)).toList();
        Campaign after = decider.replay(loaded.campaign(), events);
        return store.append(tx, command.campaignId().toString(), Campaigns.STREAM_TYPE, loaded.version(), encoded)
                .call(recorded -> project(tx, events, recorded, 0))
                .map(recorded -> new Appended(after, recorded.getLast().version(), events, recorded));
    }

    private Uni<Void> project(SqlConnection tx, List<CampaignEvent> events, List<RecordedEvent> recorded, int i) {
        if (i == events.size()) {
            return Uni.createFrom().voidItem();
        }
        return readModel.apply(tx, events.get(i), recorded.get(i).version())
                .flatMap(done -> project(tx, events, recorded, i + 1));
    }

    private StoredResponse respond(int status, Object body) {
        try {
            return new StoredResponse(status, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }

    /** For callers that need the typed body of a stored (possibly replayed) response. */
    public <T> T read(StoredResponse response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored " + type.getSimpleName(), e);
        }
    }
}
