package org.lifeline.donations.money;

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
import org.lifeline.donations.domain.money.DonationCommand.ReceiveDonation;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.support.Caller;
import org.lifeline.support.CommandResponses;
import org.lifeline.support.IdempotencyKeys;
import org.lifeline.support.RequestIdFilter;
import org.lifeline.support.ValidIdempotencyKey;

import java.net.URI;
import java.util.UUID;

/** Donations: donors give; coordinators of the campaign's organisation (or admins) refund. */
@Path(DonationResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DonationResource {

    static final String PATH = "/api/v1/donations";

    private final DonationHandler handler;
    private final Caller caller;
    private final IdempotencyKeys keys;
    private final ObjectMapper json;

    public DonationResource(DonationHandler handler, Caller caller, IdempotencyKeys keys, ObjectMapper json) {
        this.handler = handler;
        this.caller = caller;
        this.keys = keys;
        this.json = json;
    }

    @POST
    @Authenticated
    public Uni<Response> donate(@NotNull @Valid DonateRequest body,
                                @HeaderParam(RequestIdFilter.HEADER) String requestId,
                                @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        Actor actor = Actor.of(caller);
        if (!actor.donor()) {
            throw new ForbiddenException();
        }
        ReceiveDonation command = new ReceiveDonation(UUID.randomUUID(), body.campaignId(), actor.accountId(),
                body.amount().toMoney(), body.paymentRef());
        return handler.donate(command, actor, requestId,
                        keys.of(actor.subject(), idempotencyKey, "POST", PATH, body))
                .map(outcome -> respond(outcome, true));
    }

    @GET
    @Path("/{donationId}")
    @Authenticated
    public Uni<Response> get(@PathParam("donationId") UUID donationId) {
        Actor actor = Actor.of(caller);
        return handler.find(donationId, actor)
                .map(view -> Response.ok(view).tag(Long.toString(view.version())).build());
    }

    /** Refunds the donation; its match goes back to the pool. {@code If-Match} takes the donation's version. */
    @POST
    @Path("/{donationId}/refund")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> refund(@PathParam("donationId") UUID donationId,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(RequestIdFilter.HEADER) String requestId,
                                @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        Actor actor = Actor.of(caller);
        return handler.refund(donationId, CommandResponses.expectedVersion(ifMatch), actor, requestId,
                        keys.of(actor.subject(), idempotencyKey, "POST",
                                PATH + "/" + donationId + "/refund", ""))
                .map(outcome -> respond(outcome, false));
    }

    private Response respond(CommandExecutor.Outcome outcome, boolean created) {
        Response.ResponseBuilder response = CommandResponses.respond(outcome);
        if (outcome.response().status() < 300) {
            DonationView view = Commands.read(json, outcome.response(), DonationView.class);
            response.tag(Long.toString(view.version()));
            if (created) {
                response.location(URI.create(PATH + "/" + view.id()));
            }
        }
        return response.build();
    }
}
