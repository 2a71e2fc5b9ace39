package org.lifeline.campaigns.api;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.lifeline.campaigns.application.Actor;
import org.lifeline.campaigns.application.NeedCommandHandler;
import org.lifeline.campaigns.domain.need.ChangeDeadline;
import org.lifeline.campaigns.domain.need.CloseNeed;
import org.lifeline.campaigns.domain.need.NeedCommand;
import org.lifeline.campaigns.domain.need.ReconfirmNeed;
import org.lifeline.campaigns.domain.need.Reprioritize;
import org.lifeline.campaigns.domain.need.ReviseQuantity;
import org.lifeline.campaigns.projection.NeedReadModel;
import org.lifeline.campaigns.projection.NeedView;
import org.lifeline.campaigns.projection.OwnedNeed;
import org.lifeline.kernel.idempotency.CommandExecutor;
import org.lifeline.kernel.idempotency.IdempotentRequest;
import org.lifeline.support.Caller;
import org.lifeline.support.CommandResponses;
import org.lifeline.support.IdempotencyKeys;
import org.lifeline.support.ProblemException;
import org.lifeline.support.RequestIdFilter;
import org.lifeline.support.ValidIdempotencyKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Needs: coordinators of the campaign's organisation change them, anyone reads. Posting is under campaigns. */
@Path(NeedResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NeedResource {

    static final String PATH = "/api/v1/needs";

    private final NeedCommandHandler handler;
    private final NeedReadModel readModel;
    private final Caller caller;
    private final IdempotencyKeys keys;
    private final NeedSites sites;

    public NeedResource(NeedCommandHandler handler, NeedReadModel readModel, Caller caller, IdempotencyKeys keys,
                        NeedSites sites) {
        this.handler = handler;
        this.readModel = readModel;
        this.caller = caller;
        this.keys = keys;
        this.sites = sites;
    }

    /** Anyone reads a need; its exact site only its organisation's coordinators and admins ({@link NeedSites}). */
    @GET
    @Path("/{needId}")
    public Uni<Response> get(@PathParam("needId") UUID needId, @QueryParam("asOf") String asOf) {
        Uni<Optional<OwnedNeed>> found = asOf == null ? readModel.find(needId)
                : handler.asOf(needId, CampaignResource.parseTime(asOf));
        return found.flatMap(need -> sites.read(need
                .orElseThrow(() -> new ProblemException(404, "Not Found", "There is no need " + needId + "."))));
    }

    @PATCH
    @Path("/{needId}")
    @Authenticated
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public Uni<Response> revise(@PathParam("needId") UUID needId, @NotNull @Valid ReviseNeedRequest body,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey,
                                @HeaderParam(RequestIdFilter.HEADER) String requestId) {
        Actor actor = Actor.of(caller);
        List<NeedCommand> commands = new ArrayList<>();
        if (body.getQuantity() != null) {
            commands.add(new ReviseQuantity(needId, body.getQuantity()));
        }
        if (body.getUrgency() != null) {
            commands.add(new Reprioritize(needId, body.getUrgency()));
        }
        // Absent leaves the deadline; null removes it.
        if (body.getNeededBy() != null) {
            commands.add(new ChangeDeadline(needId, body.getNeededBy().orElse(null)));
        }
        return run(needId, commands, ifMatch, actor, requestId,
                keys.of(actor.subject(), idempotencyKey, "PATCH", PATH + "/" + needId, body));
    }

    @POST
    @Path("/{needId}/reconfirm")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> reconfirm(@PathParam("needId") UUID needId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                   @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey,
                                   @HeaderParam(RequestIdFilter.HEADER) String requestId) {
        Actor actor = Actor.of(caller);
        return run(needId, List.of(new ReconfirmNeed(needId)), ifMatch, actor, requestId,
                keys.of(actor.subject(), idempotencyKey, "POST", PATH + "/" + needId + "/reconfirm", ""));
    }

    @POST
    @Path("/{needId}/close")
    @Authenticated
    public Uni<Response> close(@PathParam("needId") UUID needId, @NotNull @Valid CloseNeedRequest body,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey,
                               @HeaderParam(RequestIdFilter.HEADER) String requestId) {
        Actor actor = Actor.of(caller);
        return run(needId, List.of(new CloseNeed(needId, body.reason())), ifMatch, actor, requestId,
                keys.of(actor.subject(), idempotencyKey, "POST", PATH + "/" + needId + "/close", body));
    }

    private Uni<Response> run(UUID needId, List<NeedCommand> commands, String ifMatch, Actor actor, String requestId,
                              IdempotentRequest request) {
        return handler.change(needId, commands, CommandResponses.expectedVersion(ifMatch), actor, requestId, request)
                .map(outcome -> respond(outcome, handler.read(outcome.response(), NeedView.class)));
    }

    private static Response respond(CommandExecutor.Outcome outcome, NeedView view) {
        return CommandResponses.respond(outcome).tag(Long.toString(view.version())).build();
    }

}
