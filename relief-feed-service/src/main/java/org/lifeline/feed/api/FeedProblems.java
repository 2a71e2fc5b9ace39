package org.lifeline.feed.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.lifeline.support.Problem;

/** The feed's own problem: invalid query parameters, with every invalid field listed. */
public class FeedProblems {

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQuery e, HttpServerRequest request) {
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(e.toProblem(request.path())).build();
    }
}
