package org.lifeline.donations.money;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.lifeline.donations.application.Actor;
import org.lifeline.donations.application.Commands;
import org.lifeline.donations.domain.money.MatchPoolCommand.OpenMatchPool;
import org.lifeline.support.Caller;
import org.lifeline.support.CommandResponses;
import org.lifeline.support.IdempotencyKeys;
import org.lifeline.support.RequestIdFilter;
import org.lifeline.support.ValidIdempotencyKey;

import java.net.URI;
import java.util.UUID;

/** {@code POST /api/v1/campaigns/{id}/match-pools}: a coordinator of the campaign's organisation opens a match pool. */
@Path("/api/v1/campaigns/{campaignId}/match-pools")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignMatchPoolResource {

    private final MatchPoolHandler handler;
    private final Caller caller;
    private final IdempotencyKeys keys;
    private final ObjectMapper json;

    public CampaignMatchPoolResource(MatchPoolHandler handler, Caller caller, IdempotencyKeys keys,
                                     ObjectMapper json) {
        this.handler = handler;
        this.caller = caller;
        this.keys = keys;
        this.json = json;
    }

    @POST
    @Authenticated
    public Uni<Response> open(@PathParam("campaignId") UUID campaignId, @NotNull @Valid OpenMatchPoolRequest body,
                              @HeaderParam(RequestIdFilter.HEADER) String requestId,
                              @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        Actor actor = Actor.of(caller);
        // The organisation and the time come from the campaign and the clock, in the handler.
        OpenMatchPool command = new OpenMatchPool(UUID.randomUUID(), campaignId, null, body.sponsor().strip(),
                Ratios.normalise(body.ratio()), body.pool().toMoney(), MoneyRequest.toMoney(body.perDonorCap()),
                MoneyRequest.toMoney(body.minGift()), body.endsAt(), null);
        String path = "/api/v1/campaigns/" + campaignId + "/match-pools";
        return handler.open(command, actor, requestId,
                        keys.of(actor.subject(), idempotencyKey, "POST", path, body))
                .map(outcome -> {
                    Response.ResponseBuilder response = CommandResponses.respond(outcome);
                    if (outcome.response().status() == 201) {
                        MatchPoolView view = Commands.read(json, outcome.response(), MatchPoolView.class);
                        response.location(URI.create(MatchPoolResource.PATH + "/" + view.id()))
                                .tag(Long.toString(view.version()));
                    }
                    return response.build();
                });
    }
}
