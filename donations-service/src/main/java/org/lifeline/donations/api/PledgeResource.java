package org.lifeline.donations.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.lifeline.donations.application.Actor;
import org.lifeline.donations.application.Commands;
import org.lifeline.donations.application.PledgeCommandHandler;
import org.lifeline.donations.application.PledgeCommandHandler.NewPledge;
import org.lifeline.donations.domain.pledge.CancelledBy;
import org.lifeline.donations.domain.pledge.PledgeCommand.CancelPledge;
import org.lifeline.donations.domain.pledge.PledgeCommand.ConfirmPledge;
import org.lifeline.donations.domain.pledge.PledgeCommand.DispatchPledge;
import org.lifeline.donations.domain.pledge.PledgeCommand.RecordDelivery;
import org.lifeline.donations.projection.PledgeReadModel;
import org.lifeline.donations.projection.PledgeView;
import org.lifeline.support.Caller;
import org.lifeline.support.CommandResponses;
import org.lifeline.support.IdempotencyKeys;
import org.lifeline.support.ProblemException;
import org.lifeline.support.RequestIdFilter;
import org.lifeline.support.ValidIdempotencyKey;

import java.net.URI;
import java.util.UUID;

/**
 * Pledges: donors pledge against a need and say how the goods come; the need's coordinators record
 * what arrived. Every change is {@code Idempotency-Key}-safe and takes {@code If-Match} (the
 * pledge's version).
 */
@Path(PledgeResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class PledgeResource {

    static final String PATH = "/api/v1/pledges";

    private final PledgeCommandHandler handler;
    private final PledgeReadModel readModel;
    private final Caller caller;
    private final IdempotencyKeys keys;
    private final ObjectMapper json;

    public PledgeResource(PledgeCommandHandler handler, PledgeReadModel readModel, Caller caller,
                          IdempotencyKeys keys, ObjectMapper json) {
        this.handler = handler;
        this.readModel = readModel;
        this.caller = caller;
        this.keys = keys;
        this.json = json;
    }

    /** 201 with the reservation; 409 (with {@code outstanding}) when it does not fit; 422 when the need is not open. */
    @POST
    public Uni<Response> pledge(@NotNull @Valid PledgeRequest body,
                                @HeaderParam(RequestIdFilter.HEADER) String requestId,
                                @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        Actor actor = Actor.of(caller);
        if (!actor.donor()) {
            throw new ForbiddenException();
        }
        NewPledge pledge = new NewPledge(UUID.randomUUID(), body.needId(), body.quantity(), body.policyOrDefault(),
                null, body.note());
        return handler.reserve(pledge, actor, requestId, PATH,
                        keys.of(actor.subject(), idempotencyKey, "POST", PATH, body))
                .map(outcome -> {
                    if (outcome.response().status() != 201) {
                        return CommandResponses.respond(outcome).build();
                    }
                    PledgeView view = Commands.read(json, outcome.response(), PledgeView.class);
                    return CommandResponses.respond(outcome).location(URI.create(PATH + "/" + view.id()))
                            .tag(Long.toString(view.version())).build();
                });
    }

    /** Its donor, or a coordinator of the need's organisation. */
    @GET
    @Path("/{pledgeId}")
    public Uni<Response> get(@PathParam("pledgeId") UUID pledgeId) {
        Actor actor = Actor.of(caller);
        return readModel.find(pledgeId).map(found -> {
            PledgeReadModel.Found pledge = found.orElseThrow(() -> new ProblemException(404, "Not Found",
                    "There is no pledge " + pledgeId + "."));
            if (!actor.isDonor(pledge.donorId()) && !actor.mayActFor(pledge.organisationId())) {
                throw new ForbiddenException();
            }
            return Response.ok(pledge.view()).tag(Long.toString(pledge.view().version())).build();
        });
    }

    /** The donor says how and when the goods arrive; again to change it. */
    @POST
    @Path("/{pledgeId}/confirm")
    public Uni<Response> confirm(@PathParam("pledgeId") UUID pledgeId, @NotNull @Valid ConfirmRequest body,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @HeaderParam(RequestIdFilter.HEADER) String requestId,
                                 @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        Actor actor = Actor.of(caller);
        return change(pledgeId, "confirm", body, ifMatch, requestId, idempotencyKey, actor, null,
                (pledge, need, now) -> {
                    PledgeCommandHandler.requireDonor(pledge, actor);
                    return new ConfirmPledge(pledgeId, body.method(), body.eta(), now);
                });
    }

    /** The donor sent the goods. */
    @POST
    @Path("/{pledgeId}/dispatch")
    public Uni<Response> dispatch(@PathParam("pledgeId") UUID pledgeId, @Valid DispatchRequest body,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @HeaderParam(RequestIdFilter.HEADER) String requestId,
                                  @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        Actor actor = Actor.of(caller);
        DispatchRequest dispatch = body == null ? DispatchRequest.NONE : body;
        return change(pledgeId, "dispatch", dispatch, ifMatch, requestId, idempotencyKey, actor, null,
                (pledge, need, now) -> {
                    PledgeCommandHandler.requireDonor(pledge, actor);
                    return new DispatchPledge(pledgeId, dispatch.carrier(), dispatch.trackingRef());
                });
    }

    /** A coordinator of the need's organisation records what arrived; the rest of the reservation is released. */
    @POST
    @Path("/{pledgeId}/deliver")
    public Uni<Response> deliver(@PathParam("pledgeId") UUID pledgeId, @NotNull @Valid DeliverRequest body,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                 @HeaderParam(RequestIdFilter.HEADER) String requestId,
                                 @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        Actor actor = Actor.of(caller);
        return change(pledgeId, "deliver", body, ifMatch, requestId, idempotencyKey, actor, body.note(),
                (pledge, need, now) -> {
                    PledgeCommandHandler.requireCoordinator(need, actor);
                    return new RecordDelivery(pledgeId, body.quantityReceived());
                });
    }

    /** Its donor or a coordinator of the need's organisation gives the reservation back. */
    @POST
    @Path("/{pledgeId}/cancel")
    public Uni<Response> cancel(@PathParam("pledgeId") UUID pledgeId, @Valid CancelRequest body,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(RequestIdFilter.HEADER) String requestId,
                                @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        Actor actor = Actor.of(caller);
        CancelRequest cancel = body == null ? CancelRequest.NONE : body;
        return change(pledgeId, "cancel", cancel, ifMatch, requestId, idempotencyKey, actor, null,
                (pledge, need, now) -> {
                    CancelledBy by;
                    if (actor.isDonor(pledge.donorId())) {
                        by = CancelledBy.DONOR;
                    } else if (actor.mayActFor(need.organisationId())) {
                        by = CancelledBy.COORDINATOR;
                    } else {
                        throw new ForbiddenException();
                    }
                    return new CancelPledge(pledgeId, by, cancel.reason());
                });
    }

    /** A dispatch without a JSON body: no carrier, no tracking reference. */
    @POST
    @Path("/{pledgeId}/dispatch")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> dispatchWithoutBody(@PathParam("pledgeId") UUID pledgeId,
                                             @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                             @HeaderParam(RequestIdFilter.HEADER) String requestId,
                                             @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        return dispatch(pledgeId, null, ifMatch, requestId, idempotencyKey);
    }

    /** A cancellation without a JSON body: no reason. */
    @POST
    @Path("/{pledgeId}/cancel")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> cancelWithoutBody(@PathParam("pledgeId") UUID pledgeId,
                                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                           @HeaderParam(RequestIdFilter.HEADER) String requestId,
                                           @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        return cancel(pledgeId, null, ifMatch, requestId, idempotencyKey);
    }

    private Uni<Response> change(UUID pledgeId, String action, Object body, String ifMatch, String requestId,
                                 String idempotencyKey, Actor actor, String note,
                                 PledgeCommandHandler.Change change) {
        String path = PATH + "/" + pledgeId + "/" + action;
        return handler.change(pledgeId, CommandResponses.expectedVersion(ifMatch), actor, requestId,
                        keys.of(actor.subject(), idempotencyKey, "POST", path, body), note, change)
                .map(outcome -> {
                    PledgeView view = Commands.read(json, outcome.response(), PledgeView.class);
                    return CommandResponses.respond(outcome).tag(Long.toString(view.version())).build();
                });
    }
}
