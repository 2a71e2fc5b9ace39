package org.lifeline.donations.money;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
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
import org.lifeline.donations.application.Actor;
import org.lifeline.donations.application.Commands;
import org.lifeline.donations.domain.money.MatchPoolCommand.OpenMatchPool;
import org.lifeline.support.Caller;
import org.lifeline.support.CommandResponses;
import org.lifeline.support.IdempotencyKeys;
import org.lifeline.support.Page;
import org.lifeline.support.PagePosition;
import org.lifeline.support.RequestIdFilter;
import org.lifeline.support.ValidIdempotencyKey;

import java.net.URI;
import java.util.UUID;

/**
 * A campaign's match pools: a coordinator of the campaign's organisation opens one ({@code POST}); anyone lists
 * them ({@code GET}: no donor data in a pool).
 */
@Path("/api/v1/campaigns/{campaignId}/match-pools")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignMatchPoolResource {

    private final MatchPoolHandler handler;
    private final MatchPoolReadModel readModel;
    private final Caller caller;
    private final IdempotencyKeys keys;
    private final ObjectMapper json;

    public CampaignMatchPoolResource(MatchPoolHandler handler, MatchPoolReadModel readModel, Caller caller,
                                     IdempotencyKeys keys, ObjectMapper json) {
        this.handler = handler;
        this.readModel = readModel;
        this.caller = caller;
        this.keys = keys;
        this.json = json;
    }

    /**
     * The campaign's pools, newest first, each as {@code GET /api/v1/match-pools/{id}} shows it. An unknown
     * campaign is a 404, as for {@code POST}: after waiting for a campaign that may just have opened.
     */
    @GET
    public Uni<Page<MatchPoolView>> list(@PathParam("campaignId") UUID campaignId,
                                         @QueryParam("status") @Pattern(regexp = "OPEN|EXHAUSTED|CLOSED",
                                                 message = "must be one of OPEN, EXHAUSTED, CLOSED") String status,
                                         @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                         @QueryParam("cursor") String cursor) {
        PagePosition after = PagePosition.after(cursor);
        return handler.requireCampaign(campaignId)
                .flatMap(known -> readModel.byCampaign(campaignId, status, after, limit + 1))
                .map(found -> Page.of(found, limit, view -> new PagePosition(view.openedAt(), view.id())));
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
