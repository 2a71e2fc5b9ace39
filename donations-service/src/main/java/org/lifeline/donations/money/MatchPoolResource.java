package org.lifeline.donations.money;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
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
import org.lifeline.support.Caller;
import org.lifeline.support.CommandResponses;
import org.lifeline.support.IdempotencyKeys;
import org.lifeline.support.ProblemException;
import org.lifeline.support.RequestIdFilter;
import org.lifeline.support.ValidIdempotencyKey;

import java.util.UUID;

/** Match pools: anyone reads one (no donor data in it); its coordinator may close it. */
@Path(MatchPoolResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class MatchPoolResource {

    static final String PATH = "/api/v1/match-pools";

    private final MatchPoolHandler handler;
    private final MatchPoolReadModel readModel;
    private final Caller caller;
    private final IdempotencyKeys keys;
    private final ObjectMapper json;

    public MatchPoolResource(MatchPoolHandler handler, MatchPoolReadModel readModel, Caller caller,
                             IdempotencyKeys keys, ObjectMapper json) {
        this.handler = handler;
        this.readModel = readModel;
        this.caller = caller;
        this.keys = keys;
        this.json = json;
    }

    @GET
    @Path("/{matchPoolId}")
    public Uni<Response> get(@PathParam("matchPoolId") UUID matchPoolId) {
        return readModel.find(matchPoolId).map(found -> found
                .map(view -> Response.ok(view).tag(Long.toString(view.version())).build())
                .orElseThrow(() -> new ProblemException(404, "Not Found", "There is no match pool " + matchPoolId
                        + ".")));
    }

    /** Closes the pool before its end (reason CLOSED): a coordinator of its organisation, or an admin. */
    @POST
    @Path("/{matchPoolId}/close")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> close(@PathParam("matchPoolId") UUID matchPoolId,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @HeaderParam(RequestIdFilter.HEADER) String requestId,
                               @HeaderParam(IdempotencyKeys.HEADER) @ValidIdempotencyKey String idempotencyKey) {
        Actor actor = Actor.of(caller);
        return handler.close(matchPoolId, CommandResponses.expectedVersion(ifMatch), actor, requestId,
                        keys.of(actor.subject(), idempotencyKey, "POST",
                                PATH + "/" + matchPoolId + "/close", ""))
                .map(outcome -> {
                    Response.ResponseBuilder response = CommandResponses.respond(outcome);
                    if (outcome.response().status() == 200) {
                        response.tag(Long.toString(Commands.read(json, outcome.response(),
                                MatchPoolView.class).version()));
                    }
                    return response.build();
                });
    }
}
