package org.lifeline.feed.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.StoredResponse;
import org.lifeline.support.Caller;
import org.lifeline.support.CommandResponses;
import org.lifeline.support.IdempotencyKeys;
import org.lifeline.support.ProblemException;
import org.lifeline.support.ValidIdempotencyKey;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** A partner's webhook subscriptions ({@code webhooks:manage}): each partner sees and changes only its own. */
@Path(WebhookResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class WebhookResource {

    static final String PATH = "/api/v1/partners/me/webhooks";
    static final String SCOPE = "webhooks:manage";
    private final WebhookSubscriptions subscriptions;
    private final WebhookTargets targets;
    private final CommandExecutor writes;
    private final IdempotencyKeys keys;
    private final Caller caller;
    private final ObjectMapper json;
    private final int maxPerPartner;

    WebhookResource(WebhookSubscriptions subscriptions, WebhookTargets targets, CommandExecutor writes, IdempotencyKeys keys, Caller caller,
                    ObjectMapper json, WebhooksConfig config) {
        this.subscriptions = subscriptions;
        this.targets = targets;
        this.writes = writes;
        this.keys = keys;
        this.caller = caller;
        this.json = json;
        this.maxPerPartner = config.maxPerPartner();
    }

    /** 201 with the subscription; 409 when the partner already holds {@code lifeline.feed.webhooks.max-per-partner}. */
    @POST
    public Uni<Response> subscribe(@NotNull @Valid SubscribeRequest body,
                                   @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        UUID partner = partner();
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return writes.execute(keys.of("partner:" + partner, idempotencyKey, "POST", PATH, body),
                        // Resolving the host blocks: off the event loop.
                        () -> Uni.createFrom().item(() -> targets.check(body.url()))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid(),
                        tx -> subscriptions.countLocked(tx, partner)
                                .invoke(held -> {
                                    if (held >= maxPerPartner) {
                                        throw tooMany();
                                    }
                                })
                                .flatMap(held -> subscriptions.create(tx, id, partner, body.url(), body.eventTypes()
                                        .stream().distinct().toList(), body.secret(), now, body.fromPosition()))
                                .map(view -> stored(201, view)))
                .map(outcome -> CommandResponses.respond(outcome)
                        .location(URI.create(PATH + "/" + read(outcome).id())).build());
    }

    @GET
    public Uni<Page<WebhookView>> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                       @QueryParam("cursor") String cursor) {
        UUID partner = partner();
        return subscriptions.list(partner, after(cursor), limit + 1)
                .map(found -> page(found, limit, view -> new PageCursor(view.createdAt(), view.id())));
    }

    @GET
    @Path("/{id}")
    public Uni<WebhookView> get(@PathParam("id") UUID id) {
        UUID partner = partner();
        return subscriptions.find(partner, id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    @DELETE
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        UUID partner = partner();
        return writes.execute(null,
                        tx -> subscriptions.delete(tx, partner, id).map(deleted -> {
                            if (!deleted) {
                                throw notFound(id);
                            }
                            return new StoredResponse(204, null);
                        }))
                .map(outcome -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/dead-letters")
    public Uni<Page<DeadLetterView>> deadLetters(@PathParam("id") UUID id,
                                                 @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                                 @QueryParam("cursor") String cursor) {
        UUID partner = partner();
        PageCursor after = after(cursor);
        return subscriptions.find(partner, id)
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        throw notFound(id);
                    }
                    return subscriptions.deadLetters(id, after, limit + 1);
                })
                .map(found -> page(found, limit, letter -> new PageCursor(letter.deadLetteredAt(), letter.id())));
    }

    /** 202: the subscription's deliverer replays, in order, from {@code fromPosition}; the answer shows its cursor. */
    @POST
    @Path("/{id}/redeliver")
    public Uni<Response> redeliver(@PathParam("id") UUID id, @NotNull @Valid RedeliverRequest body,
                                   @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        UUID partner = partner();
        String path = PATH + "/" + id + "/redeliver";
        return writes.execute(keys.of("partner:" + partner, idempotencyKey, "POST", path, body),
                        tx -> subscriptions.redeliver(tx, partner, id, body.fromPosition())
                                .map(found -> stored(202, found.orElseThrow(() -> notFound(id)))))
                .map(outcome -> CommandResponses.respond(outcome).build());
    }

    /** The calling partner; 403 for anyone else, or a partner without {@code webhooks:manage}. */
    private UUID partner() {
        if (!caller.isPartner() || !caller.scopes().contains(SCOPE)) {
            throw new ForbiddenException();
        }
        return caller.partnerId();
    }


    private StoredResponse stored(int status, WebhookView view) {
        try {
            return new StoredResponse(status, json.writeValueAsString(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the response", e);
        }
    }

    private WebhookView read(CommandExecutor.Outcome outcome) {
        try {
            return json.readValue(outcome.response().body(), WebhookView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored response", e);
        }
    }

    private static PageCursor after(String cursor) {
        return cursor == null || cursor.isEmpty() ? null : PageCursor.decode(cursor)
                .orElseThrow(() -> new ProblemException(400, "Bad Request", "The cursor is not one this API gave."));
    }

    private static <T> Page<T> page(List<T> found, int limit, Function<T, PageCursor> position) {
        if (found.size() <= limit) {
            return new Page<>(found, null);
        }
        List<T> items = List.copyOf(found.subList(0, limit));
        return new Page<>(items, position.apply(items.getLast()).encode());
    }

    private ProblemException tooMany() {
        return new ProblemException(409, "Too many webhooks", "A partner may hold at most " + maxPerPartner
                + " webhook subscriptions; delete one you no longer need before adding another.",
                Map.of("limit", maxPerPartner));
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(404, "Not Found", "You have no webhook " + id + ".");
    }
}
