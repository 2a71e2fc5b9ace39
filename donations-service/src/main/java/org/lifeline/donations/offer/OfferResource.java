package org.lifeline.donations.offer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.lifeline.donations.application.Actor;
import org.lifeline.donations.application.Commands;
import org.lifeline.donations.domain.offer.OfferCommand.SubmitOffer;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.support.Caller;
import org.lifeline.support.CommandResponses;
import org.lifeline.support.IdempotencyKeys;
import org.lifeline.support.RequestIdFilter;
import org.lifeline.support.ValidIdempotencyKey;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Offers of goods and the matcher: all of it for the offer's donor only. */
@Path(OfferResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OfferResource {

    static final String PATH = "/api/v1/offers";
    /** Where the pledge an accepted offer makes lives. */
    static final String PLEDGES = "/api/v1/pledges";

    private final OfferHandler handler;
    private final Caller caller;
    private final IdempotencyKeys keys;
    private final ObjectMapper json;

    public OfferResource(OfferHandler handler, Caller caller, IdempotencyKeys keys, ObjectMapper json) {
        this.handler = handler;
        this.caller = caller;
        this.keys = keys;
        this.json = json;
    }

    @POST
    @Authenticated
    public Uni<Response> submit(@NotNull @Valid SubmitOfferRequest body,
                                @HeaderParam(RequestIdFilter.HEADER) String requestId,
                                @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        Actor actor = Actor.of(caller);
        if (!actor.donor()) {
            throw new ForbiddenException();
        }
        // The donor and the time come from the token and the clock, in the handler.
        SubmitOffer command = new SubmitOffer(UUID.randomUUID(), actor.accountId(), body.sector(), body.item(),
                body.unit(), body.quantity(), body.location().toCoordinates(), body.availableUntil(),
                body.maxDistanceKm(), null);
        return handler.submit(command, actor, requestId,
                        keys.of(actor.subject(), idempotencyKey, "POST", PATH, body))
                .map(outcome -> {
                    Response.ResponseBuilder response = CommandResponses.respond(outcome);
                    if (outcome.response().status() == 201) {
                        OfferView view = Commands.read(json, outcome.response(), OfferView.class);
                        response.location(URI.create(PATH + "/" + view.id())).tag(Long.toString(view.version()));
                    }
                    return response.build();
                });
    }

    @GET
    @Path("/{offerId}")
    @Authenticated
    public Uni<Response> get(@PathParam("offerId") UUID offerId) {
        Actor actor = Actor.of(caller);
        return handler.find(offerId, actor).map(loaded -> Response.ok(handler.view(loaded))
                .tag(Long.toString(loaded.version())).build());
    }

    /** The needs the offer could go to, best first: {@code [{needId, item, outstanding, urgency, distanceKm, score}]}. */
    @GET
    @Path("/{offerId}/matches")
    @Authenticated
    public Uni<List<MatchView>> matches(@PathParam("offerId") UUID offerId,
                                        @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return handler.matches(offerId, Actor.of(caller), limit);
    }

    /** Pledges (some of) the offer to a need: 201 with the pledge, as {@code POST /api/v1/pledges} answers. */
    @POST
    @Path("/{offerId}/accept")
    @Authenticated
    public Uni<Response> accept(@PathParam("offerId") UUID offerId, @NotNull @Valid AcceptOfferRequest body,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(RequestIdFilter.HEADER) String requestId,
                                @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        Actor actor = Actor.of(caller);
        UUID pledgeId = UUID.randomUUID();
        String path = PATH + "/" + offerId + "/accept";
        return handler.accept(offerId, body.needId(), body.quantity(), pledgeId, CommandResponses.expectedVersion(ifMatch),
                        actor, requestId, path, keys.of(actor.subject(), idempotencyKey, "POST",
                                path, body))
                .map(outcome -> {
                    Response.ResponseBuilder response = CommandResponses.respond(outcome);
                    if (outcome.response().status() == 201) {
                        Object id = Commands.read(json, outcome.response(), Map.class).get("id");
                        if (id != null) {
                            response.location(URI.create(PLEDGES + "/" + id));
                        }
                    }
                    return response.build();
                });
    }

    /** Withdraws what is left of the offer; pledges already made stand. */
    @POST
    @Path("/{offerId}/withdraw")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> withdraw(@PathParam("offerId") UUID offerId,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @HeaderParam(RequestIdFilter.HEADER) String requestId,
                                  @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        Actor actor = Actor.of(caller);
        return handler.withdraw(offerId, CommandResponses.expectedVersion(ifMatch), actor, requestId,
                        keys.of(actor.subject(), idempotencyKey, "POST",
                                PATH + "/" + offerId + "/withdraw", ""))
                .map(this::tagged);
    }

    private Response tagged(CommandExecutor.Outcome outcome) {
        Response.ResponseBuilder response = CommandResponses.respond(outcome);
        if (outcome.response().status() == 200) {
            response.tag(Long.toString(Commands.read(json, outcome.response(), OfferView.class).version()));
        }
        return response.build();
    }
}
