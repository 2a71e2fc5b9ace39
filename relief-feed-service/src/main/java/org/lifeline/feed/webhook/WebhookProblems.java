package org.lifeline.feed.webhook;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.lifeline.support.Problem;

import java.util.List;

/** Writes {@link InvalidWebhook} as the same 400 validation problem that Bean Validation failures get. */
public class WebhookProblems {

    @ServerExceptionMapper
    public Response invalid(InvalidWebhook e, HttpServerRequest request) {
        Problem problem = new Problem(Problem.TYPE_PREFIX + "validation", "Invalid request", 400,
                "1 field is invalid.", request.path(), List.of(new Problem.FieldError(e.field(), e.getMessage())),
                null);
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
